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

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > BodyBytesMax)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), s_documentOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return (document, null);
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Falls through to the same answer as a body that is JSON but not an object.
        }

        return (null, TypedResults.BadRequest(new PaySimReply { Reason = Reasons.MalformedJson }));
    }

    private static JsonHttpResult<PaySimReply> TooLarge() =>
        TypedResults.Json(new PaySimReply { Reason = Reasons.BodyTooLarge }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
