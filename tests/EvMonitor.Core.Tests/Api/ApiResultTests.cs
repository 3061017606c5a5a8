using System.Text;
using EvMonitor.Api;

namespace EvMonitor.Core.Tests.Api;

public sealed class ApiResultTests
{
    private static int AnswerBytes(ApiResult result) => Encoding.UTF8.GetByteCount(result.ToJsonString());

    public static TheoryData<string> HostileFieldNames => new()
    {
        new string('k', 100_000),
        "data[0][general][" + new string('s', 20_000) + "]",
        new string('\u0001', 50_000), // six bytes each once JSON-escaped
        string.Concat(Enumerable.Repeat("\ud83d\ude97", 30_000)),
        new string('"', 40_000),
    };

    [Theory]
    [MemberData(nameof(HostileFieldNames))]
    public void AnAnswerListingManyErrorsOnLongFieldNamesStaysUnder16KiB(string field)
    {
        var errors = Enumerable.Range(0, 100).Select(i => new FieldError(field + i, new string('\u0002', 5_000))).ToList();

        var result = ApiResult.Invalid(errors, errorsFound: 250_000);

        Assert.True(AnswerBytes(result) < ApiLimits.MaxErrorAnswerBytes, $"{AnswerBytes(result)} bytes");
        var listed = result.Json()["errors"]!.AsArray();
        Assert.NotEmpty(listed);
        Assert.Equal(250_000 - listed.Count, (int)result.Json()["more_errors"]!);
        Assert.Equal("The request has 250000 invalid fields; see errors.", (string?)result.Json()["error"]);
    }

    [Fact]
    public void ALongFieldNameKeepsItsStartAndItsEndAroundAnEllipsis()
    {
        var field = "data[0][general][motor][" + new string('9', 5_000) + "][rpm]";

        var result = ApiResult.Invalid(field, "index must be a whole number from 0 to 255");

        var shown = (string)result.Json()["errors"]![0]!["field"]!;
        Assert.True(shown.Length <= 64, shown);
        Assert.StartsWith("data[0][general][motor][999", shown);
        Assert.EndsWith("999][rpm]", shown);
        Assert.Contains("…", shown);
        Assert.Equal($"{shown} index must be a whole number from 0 to 255.", (string?)result.Json()["error"]);
    }

    [Fact]
    public void AShortFieldNameAndTheWholeListAreKeptAsTheyAre()
    {
        var errors = Enumerable.Range(0, 100).Select(i => new FieldError($"data[{i}][general][batt][255][i_discharge_max]", "must be an integer")).ToList();

        var result = ApiResult.Invalid(errors);

        Assert.Equal(errors.Select(e => e.Field), result.Json()["errors"]!.AsArray().Select(e => (string)e!["field"]!));
        Assert.Null(result.Json()["more_errors"]);
    }

    [Fact]
    public void ErrorsBeyondTheListedHundredAreCountedInMoreErrors()
    {
        var errors = Enumerable.Range(0, 150).Select(i => new FieldError($"data[{i}][timestamp]", "is required")).ToList();

        var result = ApiResult.Invalid(errors);

        Assert.Equal(ApiLimits.MaxListedErrors, result.Json()["errors"]!.AsArray().Count);
        Assert.Equal(50, (int)result.Json()["more_errors"]!);
    }

    [Fact]
    public void AMessageEchoingALongValueIsShortened()
    {
        var result = ApiResult.Error(415, ErrorCodes.UnsupportedMediaType, $"Charset '{new string('\u0003', 100_000)}' is not supported; send UTF-8.");

        Assert.True(AnswerBytes(result) < ApiLimits.MaxErrorAnswerBytes, $"{AnswerBytes(result)} bytes");
        Assert.EndsWith("is not supported; send UTF-8.", (string)result.Json()["error"]!);
    }

    [Theory]
    [InlineData("abcdefghij", 10, "abcdefghij")]
    [InlineData("abcdefghijk", 10, "abcdef…ijk")]
    public void ShortensToTheStartAndTheEnd(string text, int max, string expected)
    {
        Assert.Equal(expected, ApiResult.Shorten(text, max));
    }

    [Fact]
    public void NeverCutsASurrogatePairInHalf()
    {
        var text = string.Concat(Enumerable.Repeat("\ud83d\ude97", 20));

        var shortened = ApiResult.Shorten(text, 10);

        Assert.DoesNotContain(shortened.Split('…'), part => part.Length > 0 && (char.IsLowSurrogate(part[0]) || char.IsHighSurrogate(part[^1])));
        Assert.True(shortened.Length <= 10);
    }
}
