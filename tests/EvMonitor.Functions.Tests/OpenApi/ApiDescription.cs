using System.Text.Json.Nodes;

namespace EvMonitor.Functions.Tests.OpenApi;

/// <summary>docs/openapi.json as the tests read it: operations, the status and code of every error answer, request fields.</summary>
public sealed class ApiDescription
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public ApiDescription(string json) => Root = JsonNode.Parse(json)!.AsObject();

    public JsonObject Root { get; }

    public JsonObject Paths => Root["paths"]!.AsObject();

    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in Paths
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject());

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/…</c>) to what it names.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var obj = node.AsObject();
        while (obj["$ref"] is { } reference)
        {
            JsonNode current = Root;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
                current = current[part] ?? throw new InvalidOperationException($"{reference} names nothing.");
            obj = current.AsObject();
        }
        return obj;
    }

    /// <summary>Every (status, code) an operation documents, from the <c>code</c> enums of its error answers.</summary>
    public IEnumerable<(int Status, string Code)> ErrorAnswers(JsonObject operation) =>
        from response in operation["responses"]!.AsObject()
        where response.Key != "200"
        from code in CodesOf(Resolve(response.Value!))
        select (int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture), code);

    private IEnumerable<string> CodesOf(JsonObject response)
    {
        var schema = Resolve(response["content"]!["application/json"]!["schema"]!);
        var codes = schema["allOf"]!.AsArray().Select(s => Resolve(s!)["properties"]?["code"]?["enum"]).Single(e => e is not null)!;
        return codes.AsArray().Select(c => (string)c!);
    }

    /// <summary>The top-level fields of an operation's request body, which every encoding shares.</summary>
    public IEnumerable<string> RequestFields(JsonObject operation)
    {
        if (operation["requestBody"] is not { } body)
            return [];
        var contents = Resolve(body)["content"]!.AsObject();
        var schemas = contents.Select(c => Resolve(c.Value!["schema"]!)).ToList();
        // One schema for the three encodings: a field is never in one and not another.
        Assert.All(schemas, s => Assert.Equal(schemas[0].ToJsonString(), s.ToJsonString()));
        return schemas[0]["properties"]!.AsObject().Select(p => p.Key);
    }

    /// <summary>The properties of a component schema, through <c>allOf</c>.</summary>
    public IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject schema)
    {
        schema = Resolve(schema);
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            foreach (var p in Properties(part!.AsObject()))
                yield return p;
        }
        foreach (var p in schema["properties"]?.AsObject() ?? [])
            yield return (p.Key, Resolve(p.Value!));
    }
}
