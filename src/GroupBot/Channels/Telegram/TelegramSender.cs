using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace GroupBot.Channels.Telegram;

/// <summary>
/// Renders a neutral <see cref="OutgoingMessage"/> for Telegram (inline keyboards, long text split
/// at line boundaries, files as streams) and maps Bot API errors to what the dispatcher should do.
/// </summary>
public sealed class TelegramSender(
    ITelegramBotClient bot,
    SendRateLimiter limiter,
    IServiceScopeFactory scopes,
    ChatMoves moves,
    TimeProvider time,
    IOptions<TelegramOptions> options) : IChannelSender
{
    /// <summary>Bot API: message text is 1-4096 characters after entity parsing.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Bot API: photo and document captions are 0-1024 characters.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>Bot API: callback_data is 1-64 bytes.</summary>
    public const int MaxCallbackBytes = 64;

    public string Channel => ChannelNames.Telegram;

    /// <summary>Telegram's limits: 30 a second for the bot, 1 a second per chat, 20 a minute per group.</summary>
    public RateWait? TryReserve(SendContext to) =>
        long.TryParse(to.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat) ? limiter.TryAcquire(Rules(chat), to.Priority) : null;

    public async Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct)
    {
        var chatId = to.ChatId;
        if (!long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat))
        {
            return new SendResult.Permanent($"not a Telegram chat id: {chatId}");
        }

        try
        {
            return await SendToAsync(chat, message, ct);
        }
        catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newChat)
        {
            // The group became a supergroup: follow it and send there.
            await moves.MovedAsync(ChannelNames.Telegram, chatId, newChat.ToString(CultureInfo.InvariantCulture), ct);
            return await SendToAsync(newChat, message, ct);
        }
        catch (ApiRequestException ex)
        {
            return Map(ex);
        }
        catch (RequestException ex)
        {
            // Network failure or timeout: "Bot API Request timed out" / "Bot API Service Failure".
            return new SendResult.Transient(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new SendResult.Transient(ex.Message);
        }
    }

    private List<RateRule> Rules(long chat)
    {
        var o = options.Value;
        var rules = new List<RateRule>
        {
            new("tg", o.MaxPerSecond, TimeSpan.FromSeconds(1), WholeChannel: true),
            new($"tg:{chat}", o.MaxPerChatPerSecond, TimeSpan.FromSeconds(1)),
        };
        if (chat < 0)
        {
            rules.Add(new RateRule($"tg:group:{chat}", o.MaxPerGroupPerMinute, TimeSpan.FromMinutes(1)));
        }

        return rules;
    }

    private async Task<SendResult> SendToAsync(long chat, OutgoingMessage message, CancellationToken ct)
    {
        var keyboard = message.Choices.Count == 0 ? null : await KeyboardAsync(message.Choices, ct);
        var (text, parseMode) = Render(message);
        Message sent;
        if (message.Photo is { } photo)
        {
            await using var stream = new MemoryStream(photo.Content);
            sent = await bot.SendPhoto(chat, InputFile.FromStream(stream, photo.FileName), Caption(text), parseMode, replyMarkup: keyboard, cancellationToken: ct);
        }
        else if (message.Document is { } document)
        {
            await using var stream = new MemoryStream(document.Content);
            sent = await bot.SendDocument(chat, InputFile.FromStream(stream, document.FileName), Caption(text), parseMode, replyMarkup: keyboard, cancellationToken: ct);
        }
        else
        {
            var parts = Words.SplitAtLines(text, MaxTextLength);
            sent = null!;
            for (var i = 0; i < parts.Count; i++)
            {
                sent = await bot.SendMessage(chat, parts[i], parseMode, replyMarkup: i == parts.Count - 1 ? keyboard : null, cancellationToken: ct);
            }
        }

        return new SendResult.Sent(sent.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Group replies mention the person (HTML, so the text is escaped); everything else is plain text.</summary>
    private static (string Text, ParseMode Mode) Render(OutgoingMessage message)
    {
        if (message.Mention is not { } mention || !long.TryParse(mention.UserId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var userId))
        {
            return (message.Text, ParseMode.None);
        }

        var link = $"<a href=\"tg://user?id={userId}\">{WebUtility.HtmlEncode(mention.Name)}</a>";
        return ($"{link}: {WebUtility.HtmlEncode(message.Text)}", ParseMode.Html);
    }

    private static string? Caption(string text) => text.Length == 0 ? null : text.Length <= MaxCaptionLength ? text : string.Concat(text.AsSpan(0, MaxCaptionLength - 1), "…");

    /// <summary>Short labels share a row; long ones get their own.</summary>
    private async Task<InlineKeyboardMarkup> KeyboardAsync(IReadOnlyList<Choice> choices, CancellationToken ct)
    {
        var rows = new List<List<InlineKeyboardButton>>();
        var perRow = choices.All(c => c.Label.Length <= 12) ? 3 : choices.All(c => c.Label.Length <= 20) ? 2 : 1;
        foreach (var choice in choices)
        {
            if (rows.Count == 0 || rows[^1].Count >= perRow)
            {
                rows.Add([]);
            }

            rows[^1].Add(InlineKeyboardButton.WithCallbackData(choice.Label, await CallbackDataAsync(choice.Id, ct)));
        }

        return new InlineKeyboardMarkup(rows);
    }

    private async Task<string> CallbackDataAsync(string choiceId, CancellationToken ct)
    {
        if (Encoding.UTF8.GetByteCount(choiceId) <= MaxCallbackBytes)
        {
            return choiceId;
        }

        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(choiceId)))[..22].Replace('+', '-').Replace('/', '_');
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        if (!await db.CallbackAliases.AnyAsync(a => a.Key == key, ct))
        {
            db.CallbackAliases.Add(new CallbackAlias { Key = key, ChoiceId = choiceId, CreatedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }

        return $"{AliasPrefix}{key}";
    }

    public const string AliasPrefix = "a:";

    private static SendResult Map(ApiRequestException ex) => ex.ErrorCode switch
    {
        429 => new SendResult.Transient("429 Too Many Requests", TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1))),
        403 => new SendResult.Permanent($"403 {ex.Message}", Unreachable: true),
        >= 500 => new SendResult.Transient($"{ex.ErrorCode} {ex.Message}"),
        _ => new SendResult.Permanent($"{ex.ErrorCode} {ex.Message}"),
    };
}
