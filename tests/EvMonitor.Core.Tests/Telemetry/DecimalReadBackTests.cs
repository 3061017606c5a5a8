using System.Globalization;
using static EvMonitor.Core.Tests.Telemetry.TelemetryFieldsTests;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>
/// A reading sent as a decimal reads back as the same number: through the push reader, the queue
/// message, the table row and the read-back JSON. (The same against storage: the integration tests.)
/// </summary>
public sealed class DecimalReadBackTests
{
    private const string Key = "data[0][general][batt][0][i]";

    private static async Task<string> ReadBackAsync(string sent) =>
        (await PushedAndReadBackAsync((Key, sent)))["batt"]![0]!["i"]!.ToJsonString();

    [Theory]
    [InlineData("71.5", "71.5")]
    [InlineData("71", "71")]
    [InlineData("398.2", "398.2")]
    [InlineData("12000.3", "12000.3")]
    [InlineData("-3.2", "-3.2")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("0.1", "0.1")]
    [InlineData("104.3", "104.3")]
    [InlineData("3000000000", "3000000000")]
    [InlineData("9007199254740993.5", "9007199254740994")]
    // Spellings of the same number read back in the shortest one.
    [InlineData("71.0", "71")]
    [InlineData("+71.50", "71.5")]
    [InlineData("1.5E+3", "1500")]
    [InlineData("7.15e1", "71.5")]
    // More digits than a double holds: the nearest double (docs/api.md).
    [InlineData("0.10000000000000001", "0.1")]
    [InlineData("12000.30000000000000001", "12000.3")]
    public async Task ReadsBackTheNumberSent(string sent, string readBack)
    {
        Assert.Equal(readBack, await ReadBackAsync(sent));
    }

    /// <summary>
    /// Any double, sent as the shortest text that round-trips (what .NET's "R", JavaScript's
    /// <c>String(x)</c> and PHP with <c>serialize_precision = -1</c> print), reads back as that text.
    /// </summary>
    [Fact]
    public async Task ReadsBackEveryShortestRoundTripLiteralAsItWasSent()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 3000; i++)
        {
            var value = i % 2 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64())
                : Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 9)), random.Next(0, 7));
            if (!double.IsFinite(value))
                continue;
            var sent = value.ToString("R", CultureInfo.InvariantCulture);

            var readBack = await ReadBackAsync(sent);

            Assert.True(sent == readBack || (value == Math.Floor(value) && double.Parse(readBack, CultureInfo.InvariantCulture) == value),
                $"sent {sent}, read back {readBack}");
        }
    }
}
