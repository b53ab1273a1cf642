using System.Collections.Generic;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>What <see cref="ModelBuilder.Build"/> produces: the model, and where each schema of the document went.</summary>
/// <param name="Spec">The equatable model the generator emits from.</param>
/// <param name="SchemaTypes">
/// The C# type of every schema the model maps, by its JSON pointer as the builder walks it (a referenced component's
/// own pointer, not the reference's). Not part of the model: the tools use it (through <c>GeneratorStages</c>) to
/// meet a document's examples with the types that read them. Empty unless <c>Build(withSchemaTypes: true)</c>, since
/// the generator never reads it.
/// </param>
internal sealed record ModelBuild(ApiSpec Spec, IReadOnlyDictionary<string, TypeRef> SchemaTypes);
