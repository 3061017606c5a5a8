using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EvMonitor.Infra.Tests.Support;

/// <summary>
/// One template in the compiled deployment: the top-level one, or the inner template of a module
/// (a Microsoft.Resources/deployments resource), with the parameter values its parent passes in.
/// Only the little of the ARM expression language the checks need is understood: references to
/// <c>variables('x')</c> and <c>parameters('x')</c>. Anything else stays as the expression text.
/// </summary>
internal sealed partial class TemplateScope
{
    private readonly Dictionary<string, JsonNode?> parameterValues;

    public TemplateScope(JsonObject template, string path, TemplateScope? parent, Dictionary<string, JsonNode?> parameterValues)
    {
        Template = template;
        Path = path;
        Parent = parent;
        this.parameterValues = parameterValues;
    }

    public JsonObject Template { get; }

    /// <summary>Module names from the top, e.g. "main/storage".</summary>
    public string Path { get; }

    public TemplateScope? Parent { get; }

    [GeneratedRegex(@"^\[(variables|parameters)\('([^']+)'\)\]$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"(variables|parameters)\('([^']+)'\)(?![\[.])")]
    private static partial Regex AnyReference();

    /// <summary>
    /// Follows a value that is exactly a variable or parameter reference to what it stands for.
    /// A parameter of the top-level template is an input of the deployment and stays a reference.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text))
                return value;
            var match = WholeReference().Match(text);
            if (!match.Success)
                return value;
            var name = match.Groups[2].Value;
            JsonNode? next;
            if (match.Groups[1].Value == "variables")
            {
                next = Template["variables"]?[name]
                    ?? throw new InvalidOperationException($"{Path}: variable '{name}' is not defined");
            }
            else if (parameterValues.TryGetValue(name, out var passed))
            {
                return passed;
            }
            else if (Parent is null)
            {
                return value;
            }
            else
            {
                var definition = Template["parameters"]?[name]
                    ?? throw new InvalidOperationException($"{Path}: parameter '{name}' is not defined");
                next = definition["defaultValue"]
                    ?? throw new InvalidOperationException($"{Path}: parameter '{name}' has no value and no default");
            }
            value = next;
        }
        throw new InvalidOperationException($"{Path}: references nest too deeply");
    }

    /// <summary>A value resolved to a plain string (not an expression), or null.</summary>
    public string? ResolveLiteral(JsonNode? value) =>
        Resolve(value) is JsonValue v && v.TryGetValue<string>(out var s) && !s.StartsWith('[') ? s : null;

    /// <summary>
    /// Replaces, inside an expression, each variable or parameter reference whose value is a
    /// plain string by that string as an ARM literal; e.g. <c>variables('roleId')</c> by <c>'0a9a…'</c>.
    /// </summary>
    public string Inline(string expression) =>
        AnyReference().Replace(expression, match =>
        {
            var literal = ResolveLiteral(JsonValue.Create($"[{match.Value}]"));
            return literal is null ? match.Value : Quote(literal);
        });

    internal static string Quote(string literal) => "'" + literal.Replace("'", "''") + "'";
}

internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A node as JSON text with quotes, '=' and '+' left as they are, so text searches see what the template says.</summary>
    public static string Of(JsonNode? node) => node?.ToJsonString(Options) ?? "null";
}

/// <summary>A resource the deployment creates, found anywhere in the module tree.</summary>
internal sealed record DeployedResource(string Symbol, string Type, JsonObject Body, TemplateScope Scope, JsonNode? CopyItem)
{
    public string Name => Body["name"]?.GetValue<string>() ?? "";

    public JsonObject Properties => Body["properties"] as JsonObject ?? new JsonObject();

    public string? Condition => Body["condition"] is { } condition ? JsonText.Of(condition) : null;

    public override string ToString() => $"{Scope.Path}/{Symbol} ({Type})";
}

/// <summary>The compiled ARM JSON of infra/main.bicep, and every resource in it and its modules.</summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject root, string json)
    {
        Root = root;
        Json = json;
        RootScope = new TemplateScope(root, "main", null, []);
        Resources = Walk(RootScope).ToList();
    }

    public JsonObject Root { get; }
    public string Json { get; }
    public TemplateScope RootScope { get; }

    /// <summary>Created resources, modules included; 'existing' references are left out; copy loops expanded.</summary>
    public IReadOnlyList<DeployedResource> Resources { get; }

    public IEnumerable<DeployedResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public DeployedResource Single(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"expected exactly one {type}, found {matches.Count}: {string.Join(", ", matches)}");
    }

    public static ArmTemplate Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("the compiled template is not a JSON object");
        return new ArmTemplate(root, json);
    }

    private static IEnumerable<DeployedResource> Walk(TemplateScope scope)
    {
        foreach (var (symbol, body) in ResourcesOf(scope.Template))
        {
            if (body["existing"]?.GetValue<bool>() == true)
                continue;
            var type = body["type"]?.GetValue<string>() ?? throw new InvalidOperationException($"{scope.Path}/{symbol} has no type");

            foreach (var resource in Expand(scope, symbol, type, body))
            {
                yield return resource;
                if (type == "Microsoft.Resources/deployments" && resource.Properties["template"] is JsonObject inner)
                {
                    var values = new Dictionary<string, JsonNode?>();
                    foreach (var (name, parameter) in resource.Properties["parameters"] as JsonObject ?? [])
                        values[name] = scope.Resolve(parameter?["value"])?.DeepClone();
                    var child = new TemplateScope(inner, $"{scope.Path}/{resource.Name}", scope, values);
                    foreach (var nested in Walk(child))
                        yield return nested;
                }
            }
        }
    }

    private static IEnumerable<(string Symbol, JsonObject Body)> ResourcesOf(JsonObject template) =>
        template["resources"] switch
        {
            // languageVersion 1.0: an array; 2.0: an object keyed by symbolic name.
            JsonArray array => array.OfType<JsonObject>().Select(r => (r["name"]?.ToString() ?? "", r)),
            JsonObject map => map.Where(p => p.Value is JsonObject).Select(p => (p.Key, (JsonObject)p.Value!)),
            _ => [],
        };

    [GeneratedRegex(@"^\[length\(((?:variables|parameters)\('[^']+'\))\)\]$")]
    private static partial Regex LoopCount();

    /// <summary>
    /// A copy loop over an array (what a Bicep <c>for x in array</c> compiles to) becomes one
    /// resource per element, with <c>array[copyIndex()]</c> replaced by the element (a string or a number).
    /// </summary>
    private static IEnumerable<DeployedResource> Expand(TemplateScope scope, string symbol, string type, JsonObject body)
    {
        if (body["copy"] is not JsonObject copy)
        {
            yield return new DeployedResource(symbol, type, body, scope, null);
            yield break;
        }

        var count = copy["count"]?.GetValue<string>() ?? "";
        var match = LoopCount().Match(count);
        if (!match.Success)
            throw new NotSupportedException($"{scope.Path}/{symbol}: copy count '{count}' is not a loop over an array");
        var arrayReference = match.Groups[1].Value;
        if (scope.Resolve(JsonValue.Create($"[{arrayReference}]")) is not JsonArray items)
            throw new NotSupportedException($"{scope.Path}/{symbol}: {arrayReference} does not resolve to a literal array");

        var text = JsonText.Of(body);
        foreach (var item in items)
        {
            // A number stays a number in the expressions; a string becomes a quoted ARM literal.
            var number = item is JsonValue value && value.TryGetValue<int>(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            var literal = number ?? scope.ResolveLiteral(item)
                ?? throw new NotSupportedException($"{scope.Path}/{symbol}: loop element {JsonText.Of(item)} is not a literal string or number");
            var expanded = text.Replace(arrayReference + "[copyIndex()]", number ?? TemplateScope.Quote(literal), StringComparison.Ordinal);
            var instance = (JsonObject)JsonNode.Parse(expanded)!;
            // A module's inner template has loops of its own.
            var outer = (JsonObject)instance.DeepClone();
            (outer["properties"] as JsonObject)?.Remove("template");
            if (JsonText.Of(outer).Contains("copyIndex(", StringComparison.Ordinal))
                throw new NotSupportedException($"{scope.Path}/{symbol}: copyIndex() used other than as {arrayReference}[copyIndex()]");
            instance.Remove("copy");
            yield return new DeployedResource(symbol, type, instance, scope, JsonValue.Create(literal));
        }
    }
}

/// <summary>infra/main.bicep compiled once per test run.</summary>
internal static class CompiledMain
{
    private static readonly Lazy<(ProcessResult Build, ArmTemplate? Template)> compiled = new(() =>
    {
        var build = BicepCli.Run("build", "infra/main.bicep", "--stdout");
        return (build, build.ExitCode == 0 ? ArmTemplate.Parse(build.StandardOutput) : null);
    });

    public static ProcessResult Build => compiled.Value.Build;

    public static ArmTemplate Template =>
        compiled.Value.Template ?? throw new InvalidOperationException($"bicep build infra/main.bicep failed: {compiled.Value.Build}");
}
