using System.Text;
using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.Functions.Tests.Support;

/// <summary>Requests as ASP.NET Core hands them to a function, and answers as the client receives them.</summary>
public static class Http
{
    public static HttpApi Api() => new(new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance));

    public static HttpRequest Request(string method, string? contentType, byte[] body, bool withContentLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body, writable: false);
        if (withContentLength)
            context.Request.ContentLength = body.Length;
        return context.Request;
    }

    public static HttpRequest Post(string? contentType, string body) => Request("POST", contentType, Encoding.UTF8.GetBytes(body));

    public static HttpRequest Form(params (string Key, string Value)[] fields) => Post(Requests.FormType, Requests.FormBody(fields));

    public sealed record Answer(int Status, IHeaderDictionary Headers, string ContentType, JsonObject Body);

    /// <summary>Runs the result as the host would and reads back what went over the wire.</summary>
    public static async Task<Answer> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var json = JsonNode.Parse(body.ToArray())!.AsObject();
        return new Answer(context.Response.StatusCode, context.Response.Headers, context.Response.ContentType!, json);
    }
}
