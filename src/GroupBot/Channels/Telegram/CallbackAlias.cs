namespace GroupBot.Channels.Telegram;

/// <summary>
/// Telegram limits callback_data to 64 bytes; a longer choice id is sent as "a:&lt;key&gt;" and
/// looked up here when the button is pressed.
/// </summary>
public sealed class CallbackAlias
{
    public required string Key { get; set; }
    public required string ChoiceId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
