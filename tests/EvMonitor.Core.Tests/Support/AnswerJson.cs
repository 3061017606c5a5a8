using System.Text.Json.Nodes;

// In the answers' own namespace, so that every test holding an ApiResult can read its wire form.
namespace EvMonitor.Api;

public static class AnswerJson
{
    /// <summary>The body as a client reads it: the bytes the answer is written as, parsed back.</summary>
    public static JsonObject Json(this ApiResult result) => JsonNode.Parse(result.ToJsonString())!.AsObject();
}
