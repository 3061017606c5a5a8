using System.Text;
using EvMonitor.Api;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Request bodies in the three encodings apps send.</summary>
public static class Requests
{
    public const string FormType = "application/x-www-form-urlencoded";
    public const string JsonType = "application/json";
    public const string Boundary = "evmonitor-test-boundary";
    public const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    public static ApiRequest Post(string? contentType, string body, string? bearerToken = null) =>
        new("POST", contentType, Encoding.UTF8.GetBytes(body), bearerToken);

    public static ApiRequest Form(params (string Key, string Value)[] fields) => Post(FormType, FormBody(fields));

    public static ApiRequest Json(string json) => Post(JsonType, json);

    public static ApiRequest Multipart(params (string Key, string Value)[] fields) => Post(MultipartType, MultipartBody(fields));

    /// <summary>Keys and values percent-encoded, brackets included, as an HTTP library writes them.</summary>
    public static string FormBody(IEnumerable<(string Key, string Value)> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    public static string MultipartBody(IEnumerable<(string Key, string Value)> fields)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in fields)
            body.Append(MultipartField(key, value));
        return body.Append($"--{Boundary}--\r\n").ToString();
    }

    public static string MultipartField(string name, string value) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";
}
