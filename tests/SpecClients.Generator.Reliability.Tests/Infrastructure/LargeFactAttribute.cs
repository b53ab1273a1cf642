using System;
using Xunit;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>A test of the larger sizes, run on demand with <c>SPECCLIENTS_RELIABILITY_LARGE=1</c> (docs/reliability.md).</summary>
public sealed class LargeFactAttribute : FactAttribute
{
    public const string Variable = "SPECCLIENTS_RELIABILITY_LARGE";

    public LargeFactAttribute()
    {
        if (!IsEnabled)
        {
            Skip = "larger size: set " + Variable + "=1 to run";
        }
    }

    public static bool IsEnabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
