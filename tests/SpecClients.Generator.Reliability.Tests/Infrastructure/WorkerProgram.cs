using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>
/// The entry point of this test assembly when started as the generator worker (<c>--generator-worker</c>): reads one
/// <see cref="CaseRequest"/> per line from standard input and writes one <see cref="CaseResult"/> per line to standard
/// output. Under the test runner this Main is never called.
/// </summary>
public static class WorkerProgram
{
    public const string Argument = "--generator-worker";

    public const string ResultPrefix = "RESULT ";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != Argument)
        {
            Console.Error.WriteLine("This is a test assembly; run it with dotnet test. '" + Argument + "' starts the generator worker.");
            return 2;
        }

        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            var request = JsonSerializer.Deserialize<CaseRequest>(line)!;
            var result = GeneratorRunner.Run(request);
            output.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        }

        return 0;
    }
}
