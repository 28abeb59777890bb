using System.Threading.Channels;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace GroupBot.Channels.Telegram;

/// <summary>What the bot knows about itself from getMe (its @username, for "/hadir@NamaBot").</summary>
public sealed class TelegramBotInfo
{
    public string? Username { get; set; }
}

/// <summary>
/// Takes one Update from polling or the webhook: a message becomes an inbox entry (the inbox ignores
/// re-deliveries) and is queued; a group that became a supergroup is reported to the core as a chat
/// move. Pressed buttons are acknowledged and their keyboard removed in the
/// background, so the webhook can answer at once.
/// </summary>
public sealed class TelegramInbound(ChatProcessor processor, TelegramBotInfo info, ChatMoves moves, IServiceScopeFactory scopes, ILogger<TelegramInbound> logger)
{
    private readonly Channel<CallbackQuery> _acks = Channel.CreateBounded<CallbackQuery>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    internal ChannelReader<CallbackQuery> Acks => _acks.Reader;

    /// <summary>Records the update; false (and nothing recorded) when it is not shaped like an update from Telegram.</summary>
    public async Task<bool> HandleAsync(Update update, CancellationToken ct)
    {
        if (!TelegramTranslator.IsWellFormed(update))
        {
            // The library leaves required fields null rather than refusing the JSON; reading them would throw.
            logger.LogWarning("Ignored a malformed Telegram update {UpdateId}", update.Id);
            return false;
        }

        if (update.Message is { MigrateToChatId: { } newChat } migrated)
        {
            await moves.MovedAsync(ChannelNames.Telegram, TelegramTranslator.Id(migrated.Chat.Id), TelegramTranslator.Id(newChat), ct);
            return true;
        }

        if (update.CallbackQuery is { } query)
        {
            // Always answered (the button stops spinning), even for a stale or repeated press.
            _acks.Writer.TryWrite(query);
        }

        var message = TelegramTranslator.Translate(update, info.Username);
        if (message is null)
        {
            return true;
        }

        if (message.ChoiceId is { } choice && choice.StartsWith(TelegramSender.AliasPrefix, StringComparison.Ordinal))
        {
            await using var scope = scopes.CreateAsyncScope();
            var key = choice[TelegramSender.AliasPrefix.Length..];
            var full = await scope.ServiceProvider.GetRequiredService<GroupBotDb>().CallbackAliases
                .Where(a => a.Key == key).Select(a => a.ChoiceId).FirstOrDefaultAsync(ct);
            message = message with { ChoiceId = full ?? "stale:button" };
        }

        await processor.AcceptAsync(message, queue: true, ct);
        return true;
    }
}

/// <summary>Answers callback queries and edits the pressed keyboard away, off the receive path.</summary>
public sealed class TelegramCallbackAcks(TelegramInbound inbound, ITelegramBotClient bot, ILogger<TelegramCallbackAcks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var query in inbound.Acks.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await bot.AnswerCallbackQuery(query.Id, cancellationToken: stoppingToken);
                    // In a group several people answer the same buttons: keep them there.
                    if (query.Message is { Chat.Type: global::Telegram.Bot.Types.Enums.ChatType.Private } message)
                    {
                        // An old button pressed again cannot act twice: the keyboard is gone.
                        await bot.EditMessageReplyMarkup(message.Chat.Id, message.Id, replyMarkup: null, cancellationToken: stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogInformation("Could not acknowledge a Telegram button press: {Error}", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
