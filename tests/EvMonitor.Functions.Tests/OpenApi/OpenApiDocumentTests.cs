using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using EvMonitor.Api;
using EvMonitor.Functions.Functions;
using EvMonitor.Functions.Tests.Support;
using EvMonitor.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace EvMonitor.Functions.Tests.OpenApi;

/// <summary>
/// docs/openapi.json against the code it describes, both ways: the routes and methods of the
/// functions (found by reflection and by calling them), the error codes the API answers with their
/// statuses, the fields the endpoints read (found in their sources) and the telemetry field table. A validator from npm
/// checks the document against the OpenAPI 3.1 schema.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string DocumentPath = "docs/openapi.json";
    private static readonly ApiDescription Document = new(RepositoryFiles.Read(DocumentPath));

    [Fact]
    public void DocumentsEveryHttpRouteAndNoOther()
    {
        Assert.Equal(
            HttpFunctions.All.Select(f => f.Path).Order(StringComparer.Ordinal),
            Document.Paths.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DocumentsExactlyTheMethodsEachRouteServesAndItsRefusalNamesThem()
    {
        foreach (var function in HttpFunctions.All)
        {
            var (served, allow) = await HttpFunctions.ProbeAsync(function);
            var documented = Document.Paths[function.Path]!.AsObject()
                .Where(m => ApiDescription.Methods.Contains(m.Key)).Select(m => m.Key.ToUpperInvariant());

            Assert.True(served.SetEquals(documented),
                $"{function.Name} serves {string.Join(", ", served)}; the document has {string.Join(", ", documented)}.");
            Assert.True(allow.Count == 0 || allow.SetEquals(served), $"{function.Name}'s 405 allows {string.Join(", ", allow)} but it serves {string.Join(", ", served)}.");
        }
    }

    [Fact]
    public void DocumentsEveryErrorCodeTheApiAnswersWithItsStatusAndNoOther()
    {
        var inCode = CodesTheApiAnswers().Select(c => (Status: StatusOf(c.Name), Code: c.Value)).ToHashSet();
        var documented = Document.Operations().SelectMany(o => Document.ErrorAnswers(o.Operation)).ToHashSet();

        Assert.Equal(inCode.Order(), documented.Order());
        Assert.Equal(
            inCode.Select(c => c.Code).Order(StringComparer.Ordinal),
            Document.Resolve(Document.Root["components"]!["schemas"]!["ErrorCode"]!)["enum"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void EveryErrorAnswerInTheCodeTravelsWithTheStatusErrorCodesGivesIt()
    {
        // ApiResult.Error(404, ErrorCodes.VehicleNotFound, …): the status written beside a code must be the one ErrorCodes lists.
        var pairs = RepositoryFiles.ApiSources()
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"Error\(\s*(\d{3})\s*,\s*ErrorCodes\.(\w+)").Select(m => (File: Path.GetFileName(f), Status: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Value)))
            .ToList();

        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.True(StatusOf(p.Name) == p.Status, $"{p.File} answers {p.Name} with {p.Status}; ErrorCodes lists {StatusOf(p.Name)}."));
    }

    [Fact]
    public void DocumentsEveryRequestFieldTheEndpointsReadAndNoOther()
    {
        var documented = Document.Operations().SelectMany(o => Document.RequestFields(o.Operation)).ToHashSet();

        Assert.Equal(FieldsTheEndpointsRead().Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DocumentsEveryReadingOfTheFieldTableInTheSnapshotSchemas()
    {
        foreach (var (schemaName, group) in new[] { ("GeneralReadings", TelemetryGroup.General), ("MotorReadings", TelemetryGroup.Motor), ("BatteryReadings", TelemetryGroup.Battery), ("GpsReadings", TelemetryGroup.Gps) })
        {
            var schema = Document.Resolve(Document.Root["components"]!["schemas"]![schemaName]!);
            var documented = Document.Properties(schema).ToDictionary(p => p.Name, p => p.Schema);
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToList() ?? [];

            Assert.Equal(TelemetryFields.Of(group).Select(f => f.Name).Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
            foreach (var field in TelemetryFields.Of(group))
            {
                var property = documented[field.Name];
                var where = $"{schemaName}.{field.Name}";
                if (field.Measured)
                {
                    Assert.True((string?)property["type"] == "number", $"{where} is a measured reading: a number.");
                    Assert.True(Bound(field.Min) == (double?)property["minimum"] && Bound(field.Max) == (double?)property["maximum"], $"{where}: the range differs from {field.Min} to {field.Max}.");
                }
                else
                {
                    Assert.True((string?)property["type"] == "integer", $"{where} is a category: an integer.");
                    Assert.Equal(field.Values.Select(v => v.Value), property["enum"]!.AsArray().Select(v => (int)v!));
                }
                Assert.True(field.Required == required.Contains(field.Name), $"{where}: required differs.");
            }
        }

        static double? Bound(double value) => double.IsInfinity(value) ? null : value;
    }

    [Fact]
    public async Task ServesTheCheckedInDocumentToGet()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await new OpenApiFunction().Run(Http.Request("GET", null, []))
            .ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(File.ReadAllBytes(RepositoryFiles.PathOf(DocumentPath)), body.ToArray());
    }

    [NodeFact]
    public void IsAValidOpenApi31DocumentForTheValidator()
    {
        // @seriousme/openapi-schema-validator (package.json) checks against the OpenAPI Initiative's 3.1 schema.
        var cli = RepositoryFiles.PathOf("node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run 'npm ci' at the repository root.");

        var (exitCode, output) = Run(Node.Path!, cli, RepositoryFiles.PathOf(DocumentPath));

        Assert.True(exitCode == 0 && output.Contains("\"valid\": true", StringComparison.Ordinal), output);
        Assert.Contains("\"openapi\": \"3.1.0\"", RepositoryFiles.Read(DocumentPath), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHttpFileHasOneRequestPerOperationOfAnEndpoint()
    {
        var requests = Regex.Matches(RepositoryFiles.Read("api.http"), @"^(GET|POST|PUT|PATCH|DELETE) \{\{api\}\}(/[^\s?]+)", RegexOptions.Multiline)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}");

        Assert.Equal(
            Document.Operations().Where(o => !o.Path.Contains('{')).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Order(StringComparer.Ordinal),
            requests.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(string Name, string Value)> CodesTheApiAnswers()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        return RepositoryFiles.ApiSources()
            .Where(f => Path.GetFileName(f) != "ErrorCodes.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"ErrorCodes\.(\w+)").Select(m => m.Groups[1].Value))
            .Distinct()
            .Select(name => (name, constants[name]));
    }

    /// <summary>The status ErrorCodes.cs lists beside the constant (<c>… = "VEHICLE_NOT_FOUND"; // 404</c>).</summary>
    private static int StatusOf(string name)
    {
        var match = Regex.Match(RepositoryFiles.Read("src/EvMonitor.Core/Api/ErrorCodes.cs"), $@"\b{name} = ""[A-Z_]+"";\s*// (\d{{3}})");
        Assert.True(match.Success, $"ErrorCodes.{name} has no status beside it.");
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>
    /// The top-level request fields the sources read: <c>fields["x"]</c>, <c>Required(fields, "x", …)</c>
    /// and the like, the id field given to the catalog-name base class, and the push reader's top-level names.
    /// </summary>
    private static IEnumerable<string> FieldsTheEndpointsRead()
    {
        var patterns = new[]
        {
            @"fields!?\[""([^""]+)""\]",
            @"\(fields!?, ""([^""]+)""",
            @": CatalogNameEndpoint\([^,]+, ""([^""]+)""",
        };
        var read = RepositoryFiles.ApiSources()
            .SelectMany(f => patterns.SelectMany(p => Regex.Matches(File.ReadAllText(f), p)).Select(m => m.Groups[1].Value));
        var push = Regex.Matches(MethodBody(RepositoryFiles.Read("src/EvMonitor.Core/Push/PushReader.cs"), "AddTopLevel"), "case \"([^\"]+)\":")
            .Select(m => m.Groups[1].Value);
        return read.Concat(push).Distinct();
    }

    /// <summary>The text of a method's body, from its declaration to its closing brace.</summary>
    private static string MethodBody(string source, string method)
    {
        var declaration = Regex.Match(source, $@"\b(private|public|internal)\b[^\n;]*\b{method}\(");
        Assert.True(declaration.Success, $"No method {method}.");
        var start = source.IndexOf('{', declaration.Index);
        var depth = 0;
        for (var i = start; i < source.Length; i++)
        {
            depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
                return source[start..(i + 1)];
        }
        throw new InvalidOperationException($"{method} has no closing brace.");
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
