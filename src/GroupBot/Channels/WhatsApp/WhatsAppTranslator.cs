using System.Globalization;
using GroupBot.Chat;

namespace GroupBot.Channels.WhatsApp;

/// <summary>
/// Cloud API webhook → the neutral <see cref="IncomingMessage"/> (a person wrote) or
/// <see cref="DeliveryNews"/> (a status about a message we sent). Nothing else.
/// </summary>
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

    /// <summary>
    /// A status → news about one of our messages. Null for what GroupBot does not follow (a status
    /// without an id, or one it does not know).
    /// </summary>
    public static DeliveryNews? Translate(WebhookStatus status)
    {
        if (status.Id is not { } id)
        {
            return null;
        }

        DateTime? at = long.TryParse(status.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
        return status.Status switch
        {
            "sent" => new DeliveryNews.Reached(id, DeliveryStage.Sent, at),
            "delivered" => new DeliveryNews.Reached(id, DeliveryStage.Delivered, at),
            "read" => new DeliveryNews.Reached(id, DeliveryStage.Read, at),
            "failed" => new DeliveryNews.Failed(id, WhatsAppErrors.ClassifyFailedStatus(status.Errors?.FirstOrDefault()), at),
            _ => null,
        };
    }
}
