using System.Text;
using System.Text.Json.Nodes;
using EvMonitor.Telemetry;

namespace EvMonitor.Export;

/// <summary>
/// The CSV form of <c>export</c>: the snapshots as <c>get_history</c> shows them, one line for each
/// snapshot (<c>part</c> = <c>snapshot</c>: its general and GPS readings) followed by one line for
/// each of its motors and batteries (<c>part</c> = <c>motor</c> / <c>batt</c>, with <c>index</c>).
/// The columns are fixed (every reading of the push contract), so the header can go first and every
/// line is written as its page is read.
/// </summary>
public static class SnapshotCsv
{
    /// <summary>Snapshots read per page: one or two storage requests, a few MB at most in memory.</summary>
    public const int PageSize = 1000;

    private static readonly (string Column, string Part, string Key)[] Readings =
    [
        .. Columns(TelemetryGroup.General, "general", ""),
        .. Columns(TelemetryGroup.Gps, "gps", "gps_"),
        .. Columns(TelemetryGroup.Motor, "motor", "motor_"),
        .. Columns(TelemetryGroup.Battery, "batt", "batt_"),
    ];

    public static readonly string Header =
        string.Join(',', ["timestamp", "measured_at", "received_at", "user_agent", "part", "index", .. Readings.Select(r => r.Column)]);

    public static async Task WriteAsync(ITelemetryHistory history, ExportQuery query, Stream output, CancellationToken cancellationToken)
    {
        // Nothing is written before the first page is read, so that a storage failure then is still a
        // JSON 503 (even disposing a writer flushes the response, which sends its headers).
        SnapshotPage? page = await history.ReadAsync(query.VehicleId, query.From, query.To, PageSize, cancellationToken);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        var next = await WritePageAsync(writer, page, cancellationToken);
        // Each page is let go before the next is read, so that only one is ever held.
        page = null;
        while (next is { } from)
            next = await WritePageAsync(writer, await history.ReadAsync(query.VehicleId, from, query.To, PageSize, cancellationToken), cancellationToken);
    }

    /// <returns>Where the next page starts, or null after the last.</returns>
    private static async Task<long?> WritePageAsync(StreamWriter writer, SnapshotPage page, CancellationToken cancellationToken)
    {
        var line = new StringBuilder(1024);
        foreach (var snapshot in page.Snapshots)
        {
            AppendLine(line, snapshot, "snapshot", null);
            foreach (var part in (string[])["motor", "batt"])
            {
                foreach (var component in snapshot[part]?.AsArray() ?? [])
                    AppendLine(line, snapshot, part, component!.AsObject());
            }
            await writer.WriteAsync(line, cancellationToken);
            line.Clear();
        }
        await writer.FlushAsync(cancellationToken);
        return page.Next;
    }

    /// <param name="component">A motor or battery of the snapshot; null for the snapshot's own line.</param>
    private static void AppendLine(StringBuilder line, JsonObject snapshot, string part, JsonObject? component)
    {
        line.Append(snapshot["timestamp"]!.ToJsonString()).Append(',')
            .Append((string?)snapshot["measured_at"]).Append(',')
            .Append((string?)snapshot["received_at"]).Append(',');
        AppendText(line, (string?)snapshot["user_agent"]);
        line.Append(',').Append(part).Append(',');
        if (component is not null)
            line.Append(component["index"]?.ToJsonString());
        foreach (var (_, readingPart, key) in Readings)
        {
            line.Append(',');
            var source = component is not null
                ? readingPart == part ? component : null
                : readingPart is "general" or "gps" ? snapshot[readingPart]?.AsObject() : null;
            if (source?[key] is { } value)
            {
                if (value.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    AppendText(line, (string?)value);
                else
                    line.Append(value.ToJsonString());
            }
        }
        line.Append("\r\n");
    }

    /// <summary>
    /// Quoted when it holds a comma, a quote or a line break (RFC 4180). Text an app sent (its user
    /// agent) that a spreadsheet would take for a formula is led by an apostrophe (OWASP, "CSV Injection").
    /// </summary>
    private static void AppendText(StringBuilder line, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            line.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
        else
            line.Append(text);
    }

    private static IEnumerable<(string Column, string Part, string Key)> Columns(TelemetryGroup group, string part, string prefix)
    {
        foreach (var field in TelemetryFields.Of(group))
        {
            yield return (prefix + field.Name, part, field.Name);
            if (field.NameColumn is not null)
                yield return (prefix + field.Name + "_name", part, field.Name + "_name");
        }
    }
}
