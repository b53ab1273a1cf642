using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpecClients.Benchmarks.Scale;

/// <summary>One series of a chart: a name, a colour and (x, y, label) points.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y, string Label)> Points, bool LabelPoints = false);

/// <summary>A log-log scatter chart drawn as plain SVG: axes with decade ticks, points joined by lines, labels, legend.</summary>
internal static class SvgChart
{
    private const double Width = 520;
    private const double Height = 400;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 40;
    private const double Bottom = 60;

    /// <summary>Writes a whole SVG document with the charts side by side and a caption underneath.</summary>
    public static string Document(string title, string caption, params (string Title, string XLabel, string YLabel, ChartSeries[] Series)[] charts)
    {
        var totalWidth = charts.Length * Width;
        var totalHeight = Height + 70;
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(totalWidth)).Append("\" height=\"").Append(F(totalHeight))
            .Append("\" viewBox=\"0 0 ").Append(F(totalWidth)).Append(' ').Append(F(totalHeight)).Append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append("<text x=\"").Append(F(totalWidth / 2)).Append("\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">").Append(Escape(title)).Append("</text>\n");
        for (var i = 0; i < charts.Length; i++)
        {
            svg.Append("<g transform=\"translate(").Append(F(i * Width)).Append(",10)\">\n");
            Chart(svg, charts[i].Title, charts[i].XLabel, charts[i].YLabel, charts[i].Series);
            svg.Append("</g>\n");
        }

        var line = 0;
        foreach (var text in caption.Split('\n'))
        {
            svg.Append("<text x=\"10\" y=\"").Append(F(Height + 30 + (line++ * 14))).Append("\" fill=\"#444\">").Append(Escape(text)).Append("</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Chart(StringBuilder svg, string title, string xLabel, string yLabel, ChartSeries[] series)
    {
        var points = series.SelectMany(s => s.Points).Where(p => p.X > 0 && p.Y > 0).ToList();
        var (xMin, xMax) = Decades(points.Select(p => p.X));
        var (yMin, yMax) = Decades(points.Select(p => p.Y));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Px(double x) => Left + ((Math.Log10(x) - xMin) / (xMax - xMin) * plotWidth);
        double Py(double y) => Top + plotHeight - ((Math.Log10(y) - yMin) / (yMax - yMin) * plotHeight);

        svg.Append("<text x=\"").Append(F(Left + (plotWidth / 2))).Append("\" y=\"").Append(F(Top - 12)).Append("\" text-anchor=\"middle\" font-size=\"13\">").Append(Escape(title)).Append("</text>\n");

        // Grid and ticks at every decade, minor grid at 2 and 5.
        for (var d = xMin; d <= xMax; d++)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                var value = m * Math.Pow(10, d);
                if (Math.Log10(value) > xMax + 1e-9)
                {
                    continue;
                }

                var x = Px(value);
                svg.Append("<line x1=\"").Append(F(x)).Append("\" y1=\"").Append(F(Top)).Append("\" x2=\"").Append(F(x)).Append("\" y2=\"").Append(F(Top + plotHeight))
                    .Append("\" stroke=\"").Append(m == 1 ? "#ccc" : "#eee").Append("\"/>\n");
                if (m == 1 || m == 5 && xMax - xMin <= 4)
                {
                    svg.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(Top + plotHeight + 15)).Append("\" text-anchor=\"middle\">").Append(Number(value)).Append("</text>\n");
                }
            }
        }

        for (var d = yMin; d <= yMax; d++)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                var value = m * Math.Pow(10, d);
                if (Math.Log10(value) > yMax + 1e-9)
                {
                    continue;
                }

                var y = Py(value);
                svg.Append("<line x1=\"").Append(F(Left)).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(F(Left + plotWidth)).Append("\" y2=\"").Append(F(y))
                    .Append("\" stroke=\"").Append(m == 1 ? "#ccc" : "#eee").Append("\"/>\n");
                if (m == 1 || m == 5 && yMax - yMin <= 4)
                {
                    svg.Append("<text x=\"").Append(F(Left - 5)).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\">").Append(Number(value)).Append("</text>\n");
                }
            }
        }

        svg.Append("<rect x=\"").Append(F(Left)).Append("\" y=\"").Append(F(Top)).Append("\" width=\"").Append(F(plotWidth)).Append("\" height=\"").Append(F(plotHeight)).Append("\" fill=\"none\" stroke=\"#333\"/>\n");
        svg.Append("<text x=\"").Append(F(Left + (plotWidth / 2))).Append("\" y=\"").Append(F(Top + plotHeight + 35)).Append("\" text-anchor=\"middle\">").Append(Escape(xLabel)).Append("</text>\n");
        svg.Append("<text transform=\"translate(15,").Append(F(Top + (plotHeight / 2))).Append(") rotate(-90)\" text-anchor=\"middle\">").Append(Escape(yLabel)).Append("</text>\n");

        var legendY = Top + 12;
        foreach (var s in series)
        {
            var ordered = s.Points.Where(p => p.X > 0 && p.Y > 0).OrderBy(p => p.X).ToList();
            if (ordered.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"").Append(s.Color).Append("\" stroke-width=\"1.2\" stroke-opacity=\"0.6\" points=\"")
                    .Append(string.Join(" ", ordered.Select(p => F(Px(p.X)) + "," + F(Py(p.Y))))).Append("\"/>\n");
            }

            foreach (var p in ordered)
            {
                svg.Append("<circle cx=\"").Append(F(Px(p.X))).Append("\" cy=\"").Append(F(Py(p.Y))).Append("\" r=\"3.5\" fill=\"").Append(s.Color).Append("\"><title>")
                    .Append(Escape(p.Label + ": " + Number(p.Y))).Append("</title></circle>\n");
                if (s.LabelPoints)
                {
                    // Near the right edge the label goes to the left of its point, so it stays inside the chart.
                    var leftward = Px(p.X) > Left + (plotWidth * 0.75);
                    svg.Append("<text x=\"").Append(F(Px(p.X) + (leftward ? -5 : 5))).Append("\" y=\"").Append(F(Py(p.Y) + (leftward ? 12 : -5)))
                        .Append(leftward ? "\" text-anchor=\"end" : string.Empty).Append("\" font-size=\"9\" fill=\"#333\">").Append(Escape(p.Label)).Append("</text>\n");
                }
            }

            svg.Append("<rect x=\"").Append(F(Left + 8)).Append("\" y=\"").Append(F(legendY - 8)).Append("\" width=\"10\" height=\"10\" fill=\"").Append(s.Color).Append("\"/>\n");
            svg.Append("<text x=\"").Append(F(Left + 22)).Append("\" y=\"").Append(F(legendY + 1)).Append("\">").Append(Escape(s.Name)).Append("</text>\n");
            legendY += 15;
        }
    }

    private static (int Min, int Max) Decades(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return (0, 1);
        }

        var min = (int)Math.Floor(Math.Log10(list.Min()));
        var max = (int)Math.Ceiling(Math.Log10(list.Max()));
        return (min, max == min ? min + 1 : max);
    }

    private static string Number(double value) =>
        value >= 1 ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
