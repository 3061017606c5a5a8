using EvMonitor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

/// <summary>Every method reaches it, as every endpoint: GET gets the document, others 405 with the JSON error body.</summary>
public sealed class OpenApiFunction
{
    [Function(OpenApiDocument.FunctionName)]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = OpenApiDocument.Route)] HttpRequest request) =>
        OpenApiDocument.Refusal(request.Method) is { } refusal
            ? new ApiActionResult(refusal)
            : new FileContentResult(OpenApiDocument.Utf8, OpenApiDocument.ContentType);
}
