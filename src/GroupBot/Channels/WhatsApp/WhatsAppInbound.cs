using System.Globalization;
using System.Text.Json;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Channels.WhatsApp;

/// <summary>
/// A verified webhook payload → inbox entries (messages, deduplicated on the wamid) and outbox
/// delivery news (statuses, which may arrive out of order).
/// </summary>
public sealed class WhatsAppInbound(ChatProcessor processor, IServiceScopeFactory scopes, TimeProvider time, Outbox outbox,
    Microsoft.Extensions.Options.IOptions<WhatsAppOptions> options, ILogger<WhatsAppInbound> logger)
{
    /// <summary>
    /// Records the payload. Returns false when a delivery failure names a message whose send is not
    /// recorded yet (the status raced the API answer): the webhook then asks Meta to deliver it again.
    /// </summary>
    public async Task<bool> HandleAsync(WebhookPayload payload, CancellationToken ct)
    {
        var complete = true;
        foreach (var value in (payload.Entry ?? []).SelectMany(e => e.Changes ?? []).Where(c => c.Field == "messages").Select(c => c.Value).OfType<WebhookValue>())
        {
            var names = (value.Contacts ?? []).Where(c => c.WaId is not null).GroupBy(c => c.WaId!).ToDictionary(g => g.Key, g => g.First().Profile?.Name);
            foreach (var message in value.Messages ?? [])
            {
                if (message.From is null || message.Id is null)
                {
                    continue;
                }

                var menu = await WhatsAppMenus.LoadAsync(scopes, message.From, ct);
                var incoming = WhatsAppTranslator.Translate(message, names.GetValueOrDefault(message.From), menu);
                if (incoming is not null)
                {
                    await processor.AcceptAsync(incoming, queue: true, ct);
                }
            }

            foreach (var status in value.Statuses ?? [])
            {
                complete &= await ApplyStatusAsync(status, ct);
            }
        }

        return complete;
    }

    /// <summary>How long a failure for an unknown message is worth waiting for: our send is recorded within seconds.</summary>
    private static readonly TimeSpan UnknownFailureWait = TimeSpan.FromMinutes(10);

    /// <summary>Statuses only move forward (sent → delivered → read); a late "sent" after "read" changes nothing.</summary>
    private async Task<bool> ApplyStatusAsync(WebhookStatus status, CancellationToken ct)
    {
        if (status.Id is null || status.Status is null)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var row = await db.Outbox.SingleOrDefaultAsync(o => o.Channel == ChannelNames.WhatsApp && o.ExternalId == status.Id, ct);
        var at = long.TryParse(status.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : time.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            // A failure must not be lost to a race with our own bookkeeping; other news can be.
            return status.Status != "failed" || time.GetUtcNow().UtcDateTime - at > UnknownFailureWait;
        }

        if (status.Status == "failed")
        {
            var error = status.Errors?.FirstOrDefault();
            if (Rank(row.ChannelStatus) >= Rank("delivered"))
            {
                return true; // it was delivered; a stale failure changes nothing
            }

            row.ChannelStatus = "failed";
            row.ChannelStatusUtc = at;
            if (error?.Code == WhatsAppErrors.ReEngagement)
            {
                // The 24-hour window had closed: use the template if one is configured, else wait for her.
                var message = Outbox.Read(row);
                var hasTemplate = message.Template is { } t && options.Value.TemplateName(t.Name) is not null;
                row.Status = hasTemplate && !row.UseTemplate ? OutboxStatus.Pending : OutboxStatus.Waiting;
                row.UseTemplate = hasTemplate;
                row.NextAttemptUtc = time.GetUtcNow().UtcDateTime;
                row.LastError = $"{error.Code} {error.Title}";
            }
            else if (error is not null && WhatsAppErrors.IsThrottling(error.Code))
            {
                // Throttled after acceptance: try again later.
                row.Status = OutboxStatus.Pending;
                row.NextAttemptUtc = time.GetUtcNow().UtcDateTime + OutboxDispatcher.Backoff(row.Attempts);
                row.LastError = $"{error.Code} {error.Title}";
            }
            else
            {
                row.Status = OutboxStatus.Failed;
                row.LastError = error is null ? "failed" : $"{error.Code} {error.Title}";
            }

            await db.SaveChangesAsync(ct);
            outbox.Wake();
            logger.LogInformation("WhatsApp message {OutboxId} failed: {Error}", row.Id, row.LastError);
            return true;
        }

        if (Rank(status.Status) > Rank(row.ChannelStatus))
        {
            row.ChannelStatus = status.Status;
            row.ChannelStatusUtc = at;
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    private static int Rank(string? status) => status switch
    {
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        _ => 0,
    };
}

/// <summary>Cloud API webhook message → the neutral <see cref="IncomingMessage"/>.</summary>
public static class WhatsAppTranslator
{
    public static IncomingMessage? Translate(WebhookMessage m, string? name, IReadOnlyList<string>? menu)
    {
        var message = new IncomingMessage
        {
            Channel = ChannelNames.WhatsApp,
            ChatId = m.From!,
            SenderId = m.From!,
            ExternalId = m.Id!,
            SenderName = name,
        };
        switch (m.Type)
        {
            case "text":
                var body = m.Text?.Body ?? string.Empty;
                // A numbered menu (more than 10 choices): the answer is the number.
                if (menu is not null && int.TryParse(body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= menu.Count)
                {
                    return message with { ChoiceId = menu[n - 1] };
                }

                return message with { Text = body };
            case "interactive":
                var reply = m.Interactive?.ButtonReply ?? m.Interactive?.ListReply;
                return reply?.Id is null ? message with { Unsupported = true } : message with { ChoiceId = reply.Id };
            case "button":
                return message with { Text = m.Button?.Text ?? m.Button?.Payload };
            case "image" when m.Image?.Id is not null:
                return message with { Photo = new IncomingPhoto(m.Image.Id, m.Image.Caption), Text = m.Image.Caption };
            case "reaction" or "system" or "ephemeral":
                return null; // nothing to answer
            default:
                return message with { Unsupported = true }; // sticker, location, audio, video, contacts, document, …
        }
    }
}

/// <summary>The last numbered menu sent to a person (more than 10 choices), so "3" means the third.</summary>
public static class WhatsAppMenus
{
    private static string Key(string chatId) => $"whatsapp.menu.{chatId}";

    public static async Task<IReadOnlyList<string>?> LoadAsync(IServiceScopeFactory scopes, string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var key = Key(chatId);
        var json = await scope.ServiceProvider.GetRequiredService<GroupBotDb>().ChannelStates.Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<List<string>>(json);
    }

    public static async Task SaveAsync(IServiceScopeFactory scopes, string chatId, IReadOnlyList<string>? ids, DateTime nowUtc, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var key = Key(chatId);
        var state = await db.ChannelStates.SingleOrDefaultAsync(s => s.Key == key, ct);
        if (ids is null)
        {
            if (state is not null)
            {
                db.ChannelStates.Remove(state);
                await db.SaveChangesAsync(ct);
            }

            return;
        }

        if (state is null)
        {
            db.ChannelStates.Add(state = new ChannelState { Key = key, Value = string.Empty });
        }

        state.Value = JsonSerializer.Serialize(ids);
        state.UpdatedUtc = nowUtc;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Cloud API error codes GroupBot acts on (Meta: whatsapp/cloud-api/support/error-codes).</summary>
public static class WhatsAppErrors
{
    /// <summary>Re-engagement: more than 24 hours since the person last wrote.</summary>
    public const int ReEngagement = 131047;

    /// <summary>Cloud API throughput exceeded.</summary>
    public const int RateLimit = 130429;

    /// <summary>(Business, consumer) pair rate limit: too many messages to one person.</summary>
    public const int PairRateLimit = 131056;

    public const int SpamRateLimit = 131048;
    public const int Maintenance = 131057;
    public const int AppRateLimit = 4;
    public const int AccountRateLimit = 80007;

    /// <summary>Access token expired or invalid.</summary>
    public const int AuthExpired = 190;

    public static bool IsThrottling(int code) => code is RateLimit or PairRateLimit or SpamRateLimit or Maintenance or AppRateLimit or AccountRateLimit;
}
