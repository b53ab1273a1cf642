using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SpecClients.Testing;

/// <summary>A spec handed to the generator as an AdditionalFile, without touching the disk.</summary>
public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    /// <summary>Creates the file.</summary>
    /// <param name="path">The path the generator sees.</param>
    /// <param name="text">The file's content.</param>
    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    /// <inheritdoc />
    public override string Path { get; }

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
