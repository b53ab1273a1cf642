using Microsoft.OpenApi;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// One schema of an <c>allOf</c>, <c>oneOf</c> or <c>anyOf</c> list, with its place in the list (for its JSON pointer).
/// A class rather than a tuple: lists of it run the framework's precompiled shared code, where a struct makes the
/// compiler's host compile a copy of every list and query method over it at each cold start.
/// </summary>
internal sealed record SchemaBranch(IOpenApiSchema Schema, int Index);
