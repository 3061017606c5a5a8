using System.Net.Sockets;
using System.Text;

namespace EvMonitor.HostTests.Support;

/// <summary>
/// A request written by hand on a socket, for what HttpClient will not do: announce a body that is
/// never sent in full, or a chunked body that never ends. The answer is read while the body is still
/// being written, so a server that answers early is seen to answer early.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body);

    /// <param name="head">Request line and headers, without the blank line that ends them.</param>
    /// <param name="body">Written part by part until the server closes the connection or answers.</param>
    public static async Task<Answer> SendAsync(Uri address, string head, IEnumerable<byte[]> body, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancel.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n"), cancel.Token);
        var reading = ReadAnswerAsync(stream, cancel.Token);
        try
        {
            foreach (var part in body)
            {
                if (reading.IsCompleted)
                    break;
                await stream.WriteAsync(part, cancel.Token);
            }
        }
        catch (IOException)
        {
            // The server stopped reading and closed the connection: its answer is what counts.
        }
        return await reading;
    }

    /// <summary>Reads until the connection closes or the answer is complete (by Content-Length or the last chunk).</summary>
    private static async Task<Answer> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read > 0)
                received.Write(buffer, 0, read);
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            // An interim "100 Continue" is not the answer.
            if (end >= 0 && text.StartsWith("HTTP/1.1 100", StringComparison.Ordinal))
            {
                received = new MemoryStream(received.ToArray()[(end + 4)..]);
                continue;
            }
            if (end >= 0)
            {
                var headText = text[..end];
                var bodyText = text[(end + 4)..];
                var length = Header(headText, "Content-Length");
                var complete = read == 0
                    || (length is not null && bodyText.Length >= int.Parse(length))
                    || (Header(headText, "Transfer-Encoding") == "chunked" && bodyText.EndsWith("0\r\n\r\n", StringComparison.Ordinal));
                if (complete)
                    return new Answer(int.Parse(headText.Split(' ')[1]), headText, bodyText);
            }
            else if (read == 0)
            {
                throw new IOException($"The connection closed without an answer: '{text}'");
            }
        }
    }

    private static string? Header(string head, string name) =>
        head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
}
