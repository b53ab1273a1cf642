using System;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Routes an output to its emitter: a pure function from model to (hint name, text).</summary>
internal static class Emitter
{
    public static (string HintName, string Text) Emit(OutputSpec output) => (OutputLayout.HintName(output), output.Kind switch
    {
        OutputPart.Type or OutputPart.TypeGroup => EmitTypes(output),
        OutputPart.Client => ClientEmitter.Emit(output.Context, output.Client!),
        OutputPart.Options => OptionsEmitter.EmitOptions(output.Context, output.Client!),
        OutputPart.ServerEnum => OptionsEmitter.EmitServerEnum(output.Context, output.Client!),
        OutputPart.Auth => AuthEmitter.Emit(output.Context, output.Client!),
        OutputPart.DependencyInjection => DependencyInjectionEmitter.Emit(output.Context, output.Client!),
        _ => throw new InvalidOperationException("Unknown output " + output.Kind),
    });

    private static string EmitTypes(OutputSpec output)
    {
        var w = FileHeader.Start(output.Context);
        for (var i = 0; i < output.Types.Count; i++)
        {
            if (i > 0)
            {
                w.Line();
            }

            switch (output.Types[i])
            {
                case ObjectSpec record:
                    RecordEmitter.Write(w, output.Context, record);
                    break;
                case EnumSpec enumSpec:
                    EnumEmitter.Write(w, output.Context, enumSpec);
                    break;
                case UnionSpec union:
                    UnionEmitter.Write(w, output.Context, union);
                    break;
                default:
                    throw new InvalidOperationException("Unknown type " + output.Types[i].GetType().Name);
            }
        }

        return w.ToString();
    }
}
