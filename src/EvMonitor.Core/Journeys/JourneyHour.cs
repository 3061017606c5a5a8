using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace EvMonitor.Journeys;

/// <summary>
/// One aligned hour of a vehicle's derived snapshots, row <c>journey-hour-&lt;start&gt;</c> (see
/// <see cref="JourneyRows"/>): the pieces of each minute of it and the pieces of the whole hour
/// (<see cref="JourneySegmenter.Pieces"/>; pieces of no kind included, so that the snapshot before
/// any piece is known exactly). A minute's pieces are made from that minute's snapshots alone, and
/// the hour's are its minutes' pieces chained, so a late snapshot re-reads the stored snapshots of
/// its minute only; the runs through it are the hours' pieces chained, a row per hour.
/// </summary>
/// <param name="Minutes">Every minute's pieces, in time order.</param>
/// <param name="Pieces">The same chained across minutes.</param>
public sealed record JourneyHour(long Start, List<JourneySummary> Minutes, List<JourneySummary> Pieces)
{
    public const long Seconds = 3600;
    public const long MinuteSeconds = 60;

    /// <summary>
    /// A binary property holds at most 64 KiB and an entity 1 MiB ("Understanding the Table service
    /// data model", Azure Storage reference): each list is compressed and split over up to
    /// <see cref="MaxChunks"/> properties.
    /// </summary>
    public const int ChunkBytes = 64 * 1024;
    public const int MaxChunks = 7;

    public static readonly string[] PiecesColumns = ["RowKey", .. Enumerable.Range(0, MaxChunks).Select(i => nameof(Pieces) + i)];

    public static long HourOf(long time) => time - Remainder(time, Seconds);

    public static long MinuteOf(long time) => time - Remainder(time, MinuteSeconds);

    public static JourneyHour Empty(long start) => new(start, [], []);

    public bool IsEmpty => Minutes.Count == 0;

    /// <summary>This hour with the minutes from <paramref name="from"/> to <paramref name="to"/> made again of <paramref name="points"/>, their stored snapshots.</summary>
    /// <param name="points">In time order, one per time, all from <paramref name="from"/> to <paramref name="to"/>.</param>
    public JourneyHour WithMinutes(long from, long to, IEnumerable<JourneyPoint> points, TimeSpan gap)
    {
        List<JourneySummary> minutes = [.. Minutes.Where(p => p.End < from || p.Start > to)
            .Concat(points.GroupBy(p => MinuteOf(p.Time)).SelectMany(minute => JourneySegmenter.Pieces(minute, gap)))
            .OrderBy(p => p.Start)];
        return this with { Minutes = minutes, Pieces = JourneySegmenter.Pieces(minutes, gap) };
    }

    /// <summary>This hour with <paramref name="point"/>, later than any snapshot in it, added.</summary>
    public JourneyHour Append(JourneyPoint point, TimeSpan gap) => this with
    {
        Minutes = Appended(Minutes, point, last => MinuteOf(last.Time) == MinuteOf(point.Time) && JourneySegmenter.Stretches(last, point, gap)),
        Pieces = Appended(Pieces, point, last => JourneySegmenter.Stretches(last, point, gap)),
    };

    public TableEntity ToEntity(string vehicleId)
    {
        var row = new TableEntity(vehicleId, JourneyRows.HourKey(Start)) { ["Start"] = Start };
        SetList(row, nameof(Minutes), Minutes);
        SetList(row, nameof(Pieces), Pieces);
        return row;
    }

    public static StoredHour FromEntity(TableEntity row) =>
        new(row.ETag, new JourneyHour(row.GetInt64("Start")!.Value, GetList(row, nameof(Minutes)), GetList(row, nameof(Pieces))));

    /// <summary>The hour's pieces from a row read with <see cref="PiecesColumns"/> only.</summary>
    public static List<JourneySummary> PiecesFrom(TableEntity row) => GetList(row, nameof(Pieces));

    /// <summary>True when both hold the same pieces.</summary>
    public bool SameAs(JourneyHour other) => Start == other.Start && Json(Minutes).AsSpan().SequenceEqual(Json(other.Minutes));

    private static List<JourneySummary> Appended(List<JourneySummary> pieces, JourneyPoint point, Func<JourneyPoint, bool> continues)
    {
        List<JourneySummary> appended = [.. pieces];
        if (appended.Count > 0 && continues(appended[^1].Last))
            appended[^1] = JourneySummary.Merge(appended[^1], JourneySummary.Of(point));
        else
            appended.Add(JourneySummary.Of(point));
        return appended;
    }

    private static void SetList(TableEntity row, string name, List<JourneySummary> pieces)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal))
            brotli.Write(Json(pieces));
        var bytes = compressed.ToArray();
        if (bytes.Length > MaxChunks * ChunkBytes)
            throw new JourneyHourTooLargeException(row.PartitionKey, row.RowKey);
        for (var i = 0; i * ChunkBytes < bytes.Length; i++)
            row[name + i] = bytes[(i * ChunkBytes)..Math.Min(bytes.Length, (i + 1) * ChunkBytes)];
    }

    private static List<JourneySummary> GetList(TableEntity row, string name)
    {
        using var compressed = new MemoryStream();
        for (var i = 0; i < MaxChunks && row.GetBinary(name + i) is { } chunk; i++)
            compressed.Write(chunk);
        if (compressed.Length == 0)
            return [];
        compressed.Position = 0;
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, JourneyJsonContext.Default.ListJourneySummary)!;
    }

    private static byte[] Json(List<JourneySummary> pieces) => JsonSerializer.SerializeToUtf8Bytes(pieces, JourneyJsonContext.Default.ListJourneySummary);

    private static long Remainder(long time, long size) => (time % size + size) % size;
}

/// <summary>An hour as stored, with the ETag its rewrite is conditional on; none when it is not stored yet.</summary>
public sealed record StoredHour(ETag? ETag, JourneyHour Hour);

/// <summary>An hour's pieces do not fit in one row: its snapshots change kind thousands of times.</summary>
public sealed class JourneyHourTooLargeException(string vehicleId, string rowKey)
    : Exception($"The trips and sessions of vehicle {vehicleId} in hour {rowKey} change kind too often to be derived; its snapshots are stored.");
