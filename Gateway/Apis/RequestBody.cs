using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PaySim.Gateway.Apis;

/// <summary>Reads a request body as one JSON object, refusing bodies that are too large, not JSON or ambiguous.</summary>
public static class RequestBody
{
    /// <summary>The largest seed request is a few hundred bytes; 16 KiB leaves room and bounds what one request can cost.</summary>
    public const int BodyBytesMax = 16 * 1024;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = 8,
        // A body naming a field twice is ambiguous (which one did the client mean?), so it is refused.
        AllowDuplicateProperties = false,
    };

    /// <summary>Returns the parsed document, or a 4xx result saying why there is none.</summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BodyBytesMax)
        {
            return (null, TooLarge());
        }

        var read = request.ContentLength is { } length
            ? await ReadExactlyAsync(request, length, cancellationToken)
            : await ReadChunkedAsync(request, cancellationToken);
        if (read is not { } body)
        {
            return (null, TooLarge());
        }

        try
        {
            // The document keeps a reference to body, which is its own.
            var document = JsonDocument.Parse(body, s_documentOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object && IsUnicodeText(document.RootElement))
            {
                return (document, null);
            }

            document.Dispose();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Falls through to the same answer as a body that is JSON but not an object. InvalidOperationException:
            // the duplicate-name check decodes each name itself, and a lone surrogate escape in one ("\udc00") throws it.
        }

        return (null, TypedResults.BadRequest(new PaySimReply { Reason = Reasons.MalformedJson }));
    }

    // Nearly every client sends Content-Length: the body goes into one array of its size, nothing else is allocated
    // (a 4 KiB chunk and a growing stream per request were the largest allocation of a transfer, performance.md §12).
    private static async Task<ReadOnlyMemory<byte>?> ReadExactlyAsync(HttpRequest request, long length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        // A body that ends short of its length is answered as the truncated JSON it is, not with an exception.
        var read = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
        return body.AsMemory(0, read);
    }

    // A chunked body has no length up front: it is read until it ends or passes the bound.
    private static async Task<ReadOnlyMemory<byte>?> ReadChunkedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > BodyBytesMax)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>
    /// True when every property name and string in <paramref name="element"/> is Unicode text. JsonDocument parses
    /// invalid UTF-8 and lone surrogate escapes (<c>"\ud800"</c>) without complaint and only throws when such a
    /// string is read, which happened deep in a handler and surfaced as a 503. RFC 8259 requires UTF-8 and strings of
    /// Unicode characters, so such a body is not JSON text: this check lets the caller refuse it up front, whichever
    /// field holds it (also one the method ignores).
    /// </summary>
    public static bool IsUnicodeText(JsonElement element)
    {
        try
        {
            Decode(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            // GetString's answer to invalid UTF-8 or an unpaired surrogate; anything else it could mean is excluded
            // by Decode asking only for the kinds it checked.
            return false;
        }
    }

    private static void Decode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Decode(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Decode(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private static JsonHttpResult<PaySimReply> TooLarge() =>
        TypedResults.Json(new PaySimReply { Reason = Reasons.BodyTooLarge }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
