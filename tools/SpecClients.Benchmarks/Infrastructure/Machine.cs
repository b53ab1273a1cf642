using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SpecClients.Benchmarks.Infrastructure;

/// <summary>Facts about this process and machine that the reports print beside their numbers.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>The peak resident set size of this process so far in MiB (VmHWM on Linux), or NaN.</summary>
    public static double PeakResidentMiB()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null)
            {
                return double.NaN;
            }

            var kb = long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static string Describe() =>
        Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + " cores, .NET " + Environment.Version + ", load average " + LoadAverage();
}
