namespace GroupBot.Chat;

/// <summary>
/// The state of one person's conversation in one chat: which flow, which step, what they have
/// answered so far. Persisted so that a restart resumes where the person was.
/// </summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string UserId { get; set; }
    public required string Flow { get; set; }
    public required string Step { get; set; }
    public string DraftJson { get; set; } = "{}";

    /// <summary>Steps already answered, newest last, so <c>kembali</c> can go back.</summary>
    public string HistoryJson { get; set; } = "[]";

    /// <summary>Language the conversation is held in (people without a profile yet choose one in onboarding).</summary>
    public string Language { get; set; } = "id";

    public DateTime StartedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
}
