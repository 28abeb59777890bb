using System.Globalization;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace GroupBot.Channels.Telegram;

/// <summary>
/// At start: getMe, set or delete the webhook to match the mode, and the command menus in
/// Indonesian and English. In Polling mode, then long-polls getUpdates from the stored offset,
/// saving the next offset after each batch (a crash re-delivers a batch; the inbox drops repeats).
/// With several instances (PostgreSQL) the webhook is registered once for the deployment: one
/// instance at a time sets up (a lease), and a webhook already registered with the same address,
/// secret and update kinds is not registered again.
/// </summary>
public sealed class TelegramPoller(
    ITelegramBotClient bot,
    TelegramInbound inbound,
    TelegramBotInfo info,
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    Leases leases,
    ILogger<TelegramPoller> logger) : BackgroundService
{
    public const string OffsetKey = "telegram.offset";

    /// <summary>What the deployment registered: a hash of the webhook address, secret and update kinds.</summary>
    public const string WebhookKey = "telegram.webhook";

    private const string SetupLease = "telegram:setup";
    private static readonly UpdateType[] Allowed = [UpdateType.Message, UpdateType.CallbackQuery];
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RetryAsync(SetUpAsync, stoppingToken);
        if (options.Value.Mode != TelegramMode.Polling)
        {
            return;
        }

        var offset = 0;
        await RetryAsync(async ct => offset = await LoadOffsetAsync(ct), stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] batch;
            try
            {
                batch = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, Allowed, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The library does not back off on polling errors; we do.
                var delay = Backoff(++failures);
                logger.LogWarning("Telegram getUpdates failed ({Error}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (batch.Length == 0)
            {
                continue;
            }

            try
            {
                foreach (var update in batch)
                {
                    await inbound.HandleAsync(update, stoppingToken);
                    offset = update.Id + 1;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Recording failed (database busy or down): keep the offset at the failed update,
                // so Telegram hands it to us again; the inbox drops what was already recorded.
                var delay = Backoff(++failures);
                logger.LogError(ex, "Recording a Telegram update failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            try
            {
                await SaveOffsetAsync(offset, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept in memory; saved with the next batch. A restart before then re-reads a batch the inbox drops.
                logger.LogError(ex, "Saving the Telegram offset failed");
            }
        }
    }

    private async Task SetUpAsync(CancellationToken ct)
    {
        var me = await bot.GetMe(ct);
        info.Username = me.Username;
        var o = options.Value;
        if (o.Mode == TelegramMode.Webhook && leases.Shared)
        {
            await SetUpOnceAsync(o, ct);
            logger.LogInformation("Telegram bot @{Username} ready in {Mode} mode", me.Username, o.Mode);
            return;
        }

        if (o.Mode == TelegramMode.Webhook)
        {
            await bot.SetWebhook(o.WebhookUrl!, allowedUpdates: Allowed, secretToken: o.WebhookSecret, cancellationToken: ct);
        }
        else
        {
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
        }

        await SetCommandsAsync(ct);
        logger.LogInformation("Telegram bot @{Username} ready in {Mode} mode", me.Username, o.Mode);
    }

    /// <summary>The "/" menu in each language; the default (no language) is Indonesian.</summary>
    private async Task SetCommandsAsync(CancellationToken ct)
    {
        await bot.SetMyCommands(TelegramCommands.Indonesian, cancellationToken: ct);
        await bot.SetMyCommands(TelegramCommands.Indonesian, languageCode: "id", cancellationToken: ct);
        await bot.SetMyCommands(TelegramCommands.English, languageCode: "en", cancellationToken: ct);
    }

    /// <summary>Several instances: the first to start registers; the others find it done (see the class summary).</summary>
    private async Task SetUpOnceAsync(TelegramOptions o, CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(SetupLease, TimeSpan.FromMinutes(2), ct))
        {
            throw new InvalidOperationException("another instance is setting up the Telegram webhook");
        }

        try
        {
            var wanted = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                $"{o.WebhookUrl}\n{o.WebhookSecret}\n{string.Join(',', Allowed)}\n{TelegramCommands.Version}")));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            var state = await db.ChannelStates.SingleOrDefaultAsync(s => s.Key == WebhookKey, ct);
            if (state?.Value == wanted)
            {
                logger.LogInformation("Telegram webhook already registered for this deployment");
                return;
            }

            await bot.SetWebhook(o.WebhookUrl!, allowedUpdates: Allowed, secretToken: o.WebhookSecret, cancellationToken: ct);
            await SetCommandsAsync(ct);
            if (state is null)
            {
                db.ChannelStates.Add(state = new ChannelState { Key = WebhookKey, Value = wanted });
            }

            state.Value = wanted;
            state.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            await leases.ReleaseAsync(SetupLease, CancellationToken.None);
        }
    }

    private async Task RetryAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await work(ct);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var delay = Backoff(attempt);
                logger.LogWarning("Telegram start-up call failed ({Error}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>1 s, 2 s, 4 s … capped at <see cref="MaxBackoff"/>.</summary>
    private static TimeSpan Backoff(int failures) => ExponentialBackoff.Delay(failures, TimeSpan.FromSeconds(1), 2, MaxBackoff);

    private async Task<int> LoadOffsetAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var value = await scope.ServiceProvider.GetRequiredService<GroupBotDb>().ChannelStates
            .Where(s => s.Key == OffsetKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture);
    }

    private async Task SaveOffsetAsync(int offset, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var state = await db.ChannelStates.SingleOrDefaultAsync(s => s.Key == OffsetKey, ct);
        if (state is null)
        {
            db.ChannelStates.Add(state = new ChannelState { Key = OffsetKey, Value = string.Empty });
        }

        state.Value = offset.ToString(CultureInfo.InvariantCulture);
        state.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The commands shown in Telegram's "/" menu.</summary>
public static class TelegramCommands
{
    /// <summary>Raise when the menus change, so a deployment registered once sets them again.</summary>
    public const int Version = 1;

    public static readonly BotCommand[] Indonesian =
    [
        new("mulai", "Gabung kelompok dengan kode"),
        new("hadir", "Saya hadir di pertemuan"),
        new("izin", "Saya izin"),
        new("sakit", "Saya sakit"),
        new("pertemuan", "Pertemuan berikutnya"),
        new("absen", "Pengurus: absen semua anggota"),
        new("lapor", "Pengurus: laporan simpanan"),
        new("notulen", "Pengurus: notulen pertemuan"),
        new("hubungkan", "Pengurus: hubungkan grup ini"),
        new("bahasa", "Ganti bahasa"),
        new("bantuan", "Menu dan bantuan"),
    ];

    public static readonly BotCommand[] English =
    [
        new("start", "Join a group with a code"),
        new("present", "I am at the meeting"),
        new("excused", "I am excused"),
        new("sick", "I am sick"),
        new("meeting", "Next meeting"),
        new("rollcall", "Officers: mark every member"),
        new("report", "Officers: savings report"),
        new("minutes", "Officers: meeting minutes"),
        new("link", "Officers: link this group chat"),
        new("language", "Change language"),
        new("help", "Menu and help"),
    ];
}
