using EvMonitor.Api;
using EvMonitor.Fuzz.Tests.Support;

namespace EvMonitor.Fuzz.Tests;

/// <summary>The body parser alone: it either hands over fields or answers 400/415, and the three encodings agree.</summary>
public sealed class ParserFuzzTests
{
    private const int Seed = 3_000_000;
    private const int Cases = 2000;

    private sealed class Recorder : IFieldSink
    {
        public readonly List<(string Key, string Value)> Fields = [];

        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => Fields.Add((key.ToString(), value.ToString()));
    }

    [Fact]
    public async Task AnyBodyWithAnyContentTypeIsReadOrRefusedWith400Or415()
    {
        await FuzzRun.CasesAsync(Seed, Cases, async random =>
        {
            var request = random.Chance(0.5) ? Support.Cases.Push(random) : Support.Cases.Login(random);
            if (request.Body.Length > ApiLimits.MaxBodyBytes)
                return null; // the HTTP adapter refuses these before the parser sees them
            var failure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", request.ContentType, request.Body), new Recorder());
            if (failure is null)
                return null;
            var ok = (failure.Status, failure.Code) is (400, ErrorCodes.MalformedBody) or (415, ErrorCodes.UnsupportedMediaType);
            return ok && failure.Success == "ERROR" ? null : $"answered {failure.Status} {failure.ToJsonString()}\n  request: {request}";
        });
    }

    /// <summary>What every sink has to look at: the characters of the keys it is handed.</summary>
    private sealed class KeyCounter : IFieldSink
    {
        public long KeyChars;

        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => KeyChars += key.Length;
    }

    [Fact]
    public async Task TheKeysHandedToASinkStayInProportionToTheBody()
    {
        // A count rather than a time: a key handed over again for every value below it (the JSON
        // flattening once did so) grows with the square of the body.
        await FuzzRun.CasesAsync(Seed + 700_000, Cases / 5, async random =>
        {
            var request = random.Chance(0.5) ? Support.Cases.Amplifying(random) : Support.Cases.Push(random);
            if (request.Body.Length > ApiLimits.MaxBodyBytes)
                return null;
            var counter = new KeyCounter();
            await RequestBodyParser.ParseAsync(new ApiRequest("POST", request.ContentType, request.Body), counter);
            var bound = (long)ApiLimits.MaxFieldNameCharsPerBodyByte * request.Body.Length;
            return counter.KeyChars <= bound ? null : $"handed over {counter.KeyChars} key characters for {request.Body.Length} bytes\n  request: {request}";
        });
    }

    [Fact]
    public async Task FormMultipartAndJsonCarryTheSameFields()
    {
        await FuzzRun.CasesAsync(Seed + 500_000, Cases / 3, async random =>
        {
            var fields = WellFormedFields(random);
            var read = new List<List<(string, string)>>();
            foreach (var encoding in Enum.GetValues<Bodies.Encoding>())
            {
                var (contentType, body) = encoding switch
                {
                    Bodies.Encoding.Json => (Bodies.JsonType, Bodies.Json(random, fields, strict: true)),
                    Bodies.Encoding.Multipart => (Bodies.MultipartType, Bodies.Multipart(random, fields, strict: true)),
                    _ => (Bodies.FormType, Bodies.Form(random, fields, strict: true)),
                };
                var recorder = new Recorder();
                var failure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", contentType, body), recorder);
                if (failure is not null)
                    return $"{encoding} refused: {failure.ToJsonString()}";
                read.Add([.. recorder.Fields.Order()]);
            }
            var expected = fields.Order().ToList();
            for (var i = 0; i < read.Count; i++)
            {
                if (!read[i].SequenceEqual(expected))
                    return $"{(Bodies.Encoding)i} read [{string.Join(", ", read[i])}], expected [{string.Join(", ", expected)}]";
            }
            return null;
        });
    }

    /// <summary>Distinct bracket keys (none a prefix of another) with any text as values: what every encoding can carry.</summary>
    private static List<(string Key, string Value)> WellFormedFields(Random random)
    {
        var fields = new Dictionary<string, string>();
        for (var i = random.Next(1, 20); i > 0; i--)
        {
            var key = random.Pick(["token", "data", "x-y", "a_b"]);
            for (var depth = random.Next(0, 5); depth > 0; depth--)
                key += "[" + (random.Chance(0.5) ? random.Next(0, 1000).ToString() : random.Pick(["general", "motor", "rpm", "lat", "k-1"])) + "]";
            if (fields.Keys.Any(k => k.StartsWith(key + "[", StringComparison.Ordinal) || key.StartsWith(k + "[", StringComparison.Ordinal)))
                continue;
            fields[key] = Hostile.RandomText(random, 40).Replace('\r', ' ').Replace('-', '_') is var v && !HasLoneSurrogate(v) ? v : "v";
        }
        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }
}
