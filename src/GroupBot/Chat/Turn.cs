using GroupBot.Data;
using GroupBot.People;

namespace GroupBot.Chat;

/// <summary>
/// One incoming message being handled: the database unit of work, who sent it, and the replies
/// collected so far. Replies become outbox rows in the same transaction as every other change.
/// </summary>
public sealed class Turn(GroupBotDb db, IncomingMessage message, Caller caller, Texts texts, LocalClock clock)
{
    private readonly List<OutgoingMessage> _replies = [];

    public GroupBotDb Db { get; } = db;
    public IncomingMessage Message { get; } = message;
    public Caller Caller { get; } = caller;
    public LocalClock Clock { get; } = clock;
    public Texts Texts { get; } = texts;

    /// <summary>The language replies are written in. Onboarding changes it before a person exists.</summary>
    public string Language { get; set; } = caller.Person?.Language ?? "id";

    public IReadOnlyList<OutgoingMessage> Replies => _replies;

    /// <summary>A flow a command asked to start; the engine starts it after the command returns.</summary>
    internal (IFlow Flow, object Draft, string? Step)? PendingStart { get; private set; }

    public string T(string key, params object?[] args) => Texts.Get(Language, key, args);

    public void Say(string text, IReadOnlyList<Choice>? choices = null) =>
        _replies.Add(new OutgoingMessage { Text = text, Choices = choices ?? [] });

    public void Say(OutgoingMessage message) => _replies.Add(message);

    /// <summary>Starts a flow after this command, at <paramref name="step"/> or the flow's first step.</summary>
    public void Start(IFlow flow, object draft, string? step = null) => PendingStart = (flow, draft, step);

    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    /// <summary>Work for outside the database (e.g. rescheduling reminders) that must only happen once the turn is committed.</summary>
    public void AfterCommit(Func<CancellationToken, Task> work) => _afterCommit.Add(work);

    internal IReadOnlyList<Func<CancellationToken, Task>> AfterCommitWork => _afterCommit;

    public void Audit(string action, string entity, long entityId, string? detail = null) =>
        Db.Audit.Add(new AuditEntry
        {
            AtUtc = Clock.UtcNow,
            ActorPersonId = Caller.Person?.Id,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Detail = detail,
        });
}
