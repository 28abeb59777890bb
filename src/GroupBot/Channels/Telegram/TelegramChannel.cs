using System.Text.Json;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace GroupBot.Channels.Telegram;

/// <summary>getUpdates hands each update to one caller: polling is for one instance.</summary>
public sealed class TelegramPollingOnly(IOptions<TelegramOptions> options) : ISingleInstanceOnly
{
    public string? Refusal => options.Value.Mode == TelegramMode.Polling
        ? "Telegram:Mode is Polling, which works with one instance only: to run several, use webhooks (Telegram:Mode=Webhook, Telegram:WebhookUrl and Telegram:WebhookSecret behind your HTTPS proxy)."
        : null;
}

public static class TelegramChannel
{
    public const string WebhookPath = "/webhooks/telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Telegram sends one update per request; anything near this size is not from Telegram.</summary>
    public const int MaxWebhookBytes = 1024 * 1024;

    /// <summary>Adds the Telegram channel when Telegram:BotToken is set.</summary>
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SendRateLimiter>();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var s = builder.Services;
        s.AddSingleton<ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            // Our own HttpClient, not IHttpClientFactory's: its default logging writes request URLs,
            // and a Bot API URL contains the bot token.
            // Sends get a timeout of their own and a circuit breaker; the long poll waits longer.
            var guard = new ChannelHttpGuard("Telegram Bot API", TimeSpan.FromSeconds(o.SendTimeoutSeconds),
                r => r.RequestUri?.AbsolutePath.EndsWith("/getUpdates", StringComparison.OrdinalIgnoreCase) == true,
                sp.GetRequiredService<TimeProvider>(), new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            var http = new HttpClient(guard)
            {
                Timeout = TimeSpan.FromSeconds(o.PollTimeoutSeconds + 15),
            };
            // RetryThreshold = 0: the outbox dispatcher alone decides about 429 retries.
            return new TelegramBotClient(new TelegramBotClientOptions(o.BotToken!, o.ApiBaseUrl) { RetryThreshold = 0 }, http);
        });
        s.AddSingleton<TelegramBotInfo>();
        s.AddSingleton<TelegramInbound>();
        s.AddSingleton<IChannelSender, TelegramSender>();
        s.AddHostedService<TelegramPoller>();
        s.AddSingleton<ISingleInstanceOnly, TelegramPollingOnly>();
        s.AddHostedService<TelegramCallbackAcks>();
        return builder;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]);

    public static WebApplication MapTelegram(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (options.Enabled && options.Mode == TelegramMode.Webhook)
        {
            app.MapPost(WebhookPath, ReceiveAsync).WithBodyLimit(MaxWebhookBytes);
        }

        return app;
    }

    /// <summary>Authenticate first (constant time), then parse, record, and answer 200 at once.</summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, TelegramInbound inbound, IOptions<TelegramOptions> options, CancellationToken ct)
    {
        if (!Secrets.Match(request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (BodyLimit.DeclaredOver(request, MaxWebhookBytes))
        {
            return BodyLimit.TooLarge();
        }

        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (await BodyLimit.ReadAsync(request, MaxWebhookBytes, ct) is not { } body)
        {
            return BodyLimit.TooLarge();
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        return await inbound.HandleAsync(update, ct) ? Results.Ok() : Results.BadRequest();
    }
}
