using System;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Routes an output to its emitter: a pure function from model to (hint name, text).</summary>
internal static class Emitter
{
    public static (string HintName, string Text) Emit(OutputSpec output) => output.Kind switch
    {
        OutputPart.Type when output.Type is ObjectSpec record => (FileHeader.HintName(output.Context, record.Name), RecordEmitter.Emit(output.Context, record)),
        OutputPart.Type when output.Type is EnumSpec enumSpec => (FileHeader.HintName(output.Context, enumSpec.Name), EnumEmitter.Emit(output.Context, enumSpec)),
        OutputPart.Type when output.Type is UnionSpec union => (FileHeader.HintName(output.Context, union.Name), UnionEmitter.Emit(output.Context, union)),
        OutputPart.Client => (FileHeader.HintName(output.Context, output.Client!.Name), ClientEmitter.Emit(output.Context, output.Client)),
        OutputPart.Options => (FileHeader.HintName(output.Context, output.Client!.OptionsName), OptionsEmitter.EmitOptions(output.Context, output.Client)),
        OutputPart.ServerEnum => (FileHeader.HintName(output.Context, output.Client!.ServerEnumName), OptionsEmitter.EmitServerEnum(output.Context, output.Client)),
        OutputPart.Auth => (FileHeader.HintName(output.Context, AuthEmitter.AuthClassName(output.Client!)), AuthEmitter.Emit(output.Context, output.Client!)),
        OutputPart.DependencyInjection => (FileHeader.HintName(output.Context, DependencyInjectionEmitter.ClassName(output.Client!)), DependencyInjectionEmitter.Emit(output.Context, output.Client!)),
        _ => throw new InvalidOperationException("Unknown output " + output.Kind),
    };
}
