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
        OpenApiDocument.Refusal(request.Method) is { } refusal ? new ApiActionResult(refusal) : new DocumentResult();

    /// <summary>Writes the bytes itself, as <see cref="ApiActionResult"/> does, so that it needs no MVC services from the host.</summary>
    private sealed class DocumentResult : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = OpenApiDocument.ContentType;
            response.ContentLength = OpenApiDocument.Utf8.Length;
            return response.Body.WriteAsync(OpenApiDocument.Utf8, context.HttpContext.RequestAborted).AsTask();
        }
    }
}
