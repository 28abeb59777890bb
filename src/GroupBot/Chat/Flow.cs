using System.Text.Json;

namespace GroupBot.Chat;

/// <summary>What a person answered: a pressed button's id, or typed text (cleaned).</summary>
public sealed record Answer(string Text, string? ChoiceId)
{
    /// <summary>The button id when one was pressed, otherwise the folded text.</summary>
    public string Value => ChoiceId ?? Words.Fold(Text);

    /// <summary>A photo sent as the answer (minutes), if any.</summary>
    public IncomingPhoto? Photo { get; init; }
}

public enum NextKind
{
    GoTo,
    Retry,
    Done,
}

/// <summary>The result of answering a step: go to a step, re-ask with one sentence, or finish.</summary>
public readonly record struct Next(NextKind Kind, string? Step = null, string? Message = null, IReadOnlyList<Choice>? Choices = null)
{
    public static Next GoTo(string step) => new(NextKind.GoTo, step);

    /// <summary>
    /// Stay on this step and keep the draft; <paramref name="message"/> says what works, with the
    /// step's buttons again when it has some (a pressed keyboard is gone on some channels).
    /// </summary>
    public static Next Retry(string message, IReadOnlyList<Choice>? choices = null) => new(NextKind.Retry, Message: message, Choices: choices);

    /// <summary>The flow is finished; the step has already said what happened.</summary>
    public static Next Done => new(NextKind.Done);
}

/// <summary>A conversation flow as the engine sees it; implement by deriving from <see cref="Flow{TDraft}"/>.</summary>
public interface IFlow
{
    string Name { get; }
    string FirstStep { get; }

    /// <summary>Text key that says what this flow is doing, for "bantuan" inside it.</summary>
    string HelpKey { get; }

    string Serialize(object draft);
    Task AskAsync(Turn turn, string step, string draftJson, CancellationToken ct);
    Task<(Next Next, string DraftJson)> AnswerAsync(Turn turn, string step, string draftJson, Answer answer, CancellationToken ct);
    bool HasStep(string step);
}

/// <summary>One step: how to ask, and how to take the answer.</summary>
public sealed class Step<TDraft>
{
    public required Func<Turn, TDraft, CancellationToken, Task> Ask { get; init; }
    public required Func<Turn, TDraft, Answer, CancellationToken, Task<Next>> Answer { get; init; }
}

/// <summary>
/// A flow is an explicit table of named steps over a typed draft. The engine persists the step
/// name and the draft (as JSON) after every answer, so the flow itself holds no state.
/// </summary>
public abstract class Flow<TDraft> : IFlow where TDraft : class, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IReadOnlyDictionary<string, Step<TDraft>>? _steps;

    public abstract string Name { get; }
    public abstract string FirstStep { get; }
    public abstract string HelpKey { get; }

    protected abstract IReadOnlyDictionary<string, Step<TDraft>> DefineSteps();

    private IReadOnlyDictionary<string, Step<TDraft>> Steps => _steps ??= DefineSteps();

    public bool HasStep(string step) => Steps.ContainsKey(step);

    public string Serialize(object draft) => JsonSerializer.Serialize((TDraft)draft, Json);

    public Task AskAsync(Turn turn, string step, string draftJson, CancellationToken ct) =>
        Steps[step].Ask(turn, Read(draftJson), ct);

    public async Task<(Next Next, string DraftJson)> AnswerAsync(Turn turn, string step, string draftJson, Answer answer, CancellationToken ct)
    {
        var draft = Read(draftJson);
        var next = await Steps[step].Answer(turn, draft, answer, ct);
        return (next, JsonSerializer.Serialize(draft, Json));
    }

    private static TDraft Read(string json) => JsonSerializer.Deserialize<TDraft>(json, Json) ?? new TDraft();
}
