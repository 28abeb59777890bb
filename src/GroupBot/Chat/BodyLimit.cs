using Microsoft.AspNetCore.Http.Metadata;

namespace GroupBot.Chat;

/// <summary>
/// The most an endpoint anyone can post to (the webhooks, the simulator) reads of a body. Kestrel's
/// default is 30 MB, all of it held in memory before the caller is even authenticated; beyond the
/// limit the answer is 413.
/// </summary>
public static class BodyLimit
{
    /// <summary>
    /// Routing applies the limit before the handler runs, so a body is cut off at it while being read,
    /// even a chunked one that declares no length.
    /// </summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, long maxBytes) =>
        endpoint.WithMetadata(new SizeLimit(maxBytes));

    /// <summary>The request says up front that its body is over the limit: refuse it before reading a byte.</summary>
    public static bool DeclaredOver(HttpRequest request, long maxBytes) => request.ContentLength > maxBytes;

    /// <summary>The whole body, or null when it is over the limit (declared, or found so while reading).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (DeclaredOver(request, maxBytes))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        catch (BadHttpRequestException)
        {
            // Kestrel stopped reading at the endpoint's limit.
            return null;
        }

        // A server that offers no body-size limit (other than Kestrel) reads it all: check after.
        return buffer.Length > maxBytes ? null : buffer.ToArray();
    }

    public static IResult TooLarge() => Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

    private sealed record SizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
