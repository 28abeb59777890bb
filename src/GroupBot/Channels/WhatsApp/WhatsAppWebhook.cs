using System.Text.Json.Serialization;

namespace GroupBot.Channels.WhatsApp;

// The Cloud API webhook payload, as far as GroupBot reads it (Meta: webhooks/reference/messages).
#pragma warning disable CA1812 // instantiated by System.Text.Json

public sealed record WebhookPayload([property: JsonPropertyName("object")] string? ObjectType, List<WebhookEntry>? Entry)
{
    /// <summary>
    /// False when a list holds null where Meta always sends an object: valid JSON of the wrong shape,
    /// which System.Text.Json accepts but reading it would throw on.
    /// </summary>
    public bool IsWellFormed() =>
        (Entry ?? []).All(e => e is not null && (e.Changes ?? []).All(c => c is not null
            && (c.Value is null || ((c.Value.Messages ?? []).All(m => m is not null)
                && (c.Value.Statuses ?? []).All(s => s is not null)
                && (c.Value.Contacts ?? []).All(p => p is not null)))));
}

public sealed record WebhookEntry(string? Id, List<WebhookChange>? Changes);

public sealed record WebhookChange(string? Field, WebhookValue? Value);

public sealed record WebhookValue(
    [property: JsonPropertyName("messaging_product")] string? MessagingProduct,
    List<WebhookContact>? Contacts,
    List<WebhookMessage>? Messages,
    List<WebhookStatus>? Statuses);

public sealed record WebhookContact(WebhookProfile? Profile, [property: JsonPropertyName("wa_id")] string? WaId);

public sealed record WebhookProfile(string? Name);

public sealed record WebhookMessage(
    string? From,
    string? Id,
    string? Timestamp,
    string? Type,
    WebhookText? Text,
    WebhookInteractive? Interactive,
    WebhookMedia? Image,
    WebhookButton? Button);

public sealed record WebhookText(string? Body);

public sealed record WebhookInteractive(
    string? Type,
    [property: JsonPropertyName("button_reply")] WebhookReply? ButtonReply,
    [property: JsonPropertyName("list_reply")] WebhookReply? ListReply);

public sealed record WebhookReply(string? Id, string? Title);

/// <summary>A quick-reply button on a template message.</summary>
public sealed record WebhookButton(string? Payload, string? Text);

public sealed record WebhookMedia(string? Id, string? Caption, [property: JsonPropertyName("mime_type")] string? MimeType);

public sealed record WebhookStatus(
    string? Id,
    string? Status,
    string? Timestamp,
    [property: JsonPropertyName("recipient_id")] string? RecipientId,
    List<WebhookError>? Errors);

public sealed record WebhookError(int Code, string? Title, string? Message);
