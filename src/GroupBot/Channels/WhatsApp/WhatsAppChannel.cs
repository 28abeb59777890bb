using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GroupBot.Chat;
using Microsoft.Extensions.Options;

namespace GroupBot.Channels.WhatsApp;

public static class WhatsAppChannel
{
    public const string WebhookPath = "/webhooks/whatsapp";
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>Meta batches at most a few messages per call; a body near this size is not from Meta.</summary>
    public const int MaxWebhookBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Adds the WhatsApp Cloud API channel when WhatsApp:AccessToken is set.</summary>
    public static IHostApplicationBuilder AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddSingleton<WhatsAppInbound>();
        builder.Services.AddSingleton<IChannelSender>(sp =>
        {
            // Each call gets a timeout of its own and a circuit breaker (a silently hanging API).
            var o = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
            var guard = new ChannelHttpGuard("WhatsApp Cloud API", TimeSpan.FromSeconds(o.SendTimeoutSeconds), _ => false,
                sp.GetRequiredService<TimeProvider>(), new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            return ActivatorUtilities.CreateInstance<WhatsAppSender>(sp, new HttpClient(guard) { Timeout = TimeSpan.FromSeconds(o.SendTimeoutSeconds + 10) });
        });
        return builder;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{WhatsAppOptions.Section}:{nameof(WhatsAppOptions.AccessToken)}"]);

    public static WebApplication MapWhatsApp(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapGet(WebhookPath, Verify);
            app.MapPost(WebhookPath, ReceiveAsync).WithBodyLimit(MaxWebhookBytes);
        }

        return app;
    }

    /// <summary>Meta's handshake: echo hub.challenge when hub.verify_token matches.</summary>
    private static IResult Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        var q = request.Query;
        return q["hub.mode"] == "subscribe" && Secrets.Match(q["hub.verify_token"].ToString(), options.Value.VerifyToken) && q["hub.challenge"].ToString() is { Length: > 0 } challenge
            ? Results.Text(challenge, "text/plain")
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>Check the signature over the raw bytes first, then parse, record, and answer 200 at once.</summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, WhatsAppInbound inbound, IOptions<WhatsAppOptions> options, CancellationToken ct)
    {
        // The signature covers the raw bytes, so they are read first: bounded, since the caller is not yet known.
        if (await BodyLimit.ReadAsync(request, MaxWebhookBytes, ct) is not { } body)
        {
            return BodyLimit.TooLarge();
        }

        if (!SignatureValid(body, request.Headers[SignatureHeader].ToString(), options.Value.AppSecret))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<WebhookPayload>(body, Json);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (payload?.ObjectType != "whatsapp_business_account" || !payload.IsWellFormed())
        {
            return Results.BadRequest();
        }

        return await inbound.HandleAsync(payload, ct) ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>X-Hub-Signature-256: "sha256=" + lowercase hex HMAC-SHA256 of the raw body, keyed with the app secret.</summary>
    public static bool SignatureValid(byte[] body, string? header, string? appSecret)
    {
        const string Prefix = "sha256=";
        if (appSecret is null || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
