using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;

namespace GroupBot.Grades;

/// <summary>
/// "nilai kelompok [group | village | #id]": a group's health grade (A–D), a line per criterion,
/// and what would raise it. A facilitator with several groups gets them worst first, one line each.
/// </summary>
public sealed class GradeCommand(GroupGrades grades, Texts texts, LocalClock clock) : ICommand
{
    public const string Words = "nilai kelompok";

    public CommandInfo Info { get; } = new("group-health", [Words, "group health", "nilai grup"], Audience.Officer, "Menu.GroupHealth");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var scope = await GroupRefs.LeadableAsync(turn, ct);
        var name = args.Trim();
        var village = GroupRefs.InOverseenVillage(turn, scope, name);
        List<Group> picked;
        if (village.Count > 0)
        {
            picked = village;
        }
        else if (name.Length == 0 && scope.Count > 1 && scope.Any(g => turn.Caller.Oversees(g.VillageId)))
        {
            picked = [.. scope.Where(g => turn.Caller.Oversees(g.VillageId))];
        }
        else if (GroupRefs.Resolve(turn, args, scope, Words, out _) is { } one)
        {
            picked = [one];
        }
        else
        {
            return;
        }

        var graded = await grades.BuildAsync(turn.Db, [.. picked.Select(g => g.Id)], clock.Today, ct);
        if (picked.Count == 1)
        {
            // Six criteria all missed, in English, run past a phone screen: the advice then comes on its own.
            var (body, advice) = Detail(turn, graded[0]);
            if (body.Length + advice.Length + 1 <= MaxReply)
            {
                turn.Say(body + "\n" + advice);
            }
            else
            {
                turn.Say(body);
                turn.Say(advice);
            }

            return;
        }

        var text = new StringBuilder(turn.T("Grade.ListTitle", graded.Count));
        foreach (var g in graded)
        {
            text.Append('\n').Append(Line(texts, turn.Language, g, withVillage: true));
        }

        foreach (var part in Chat.Words.SplitAtLines(text.ToString(), Chat.Words.MaxReportPart))
        {
            turn.Say(part);
        }
    }

    /// <summary>A reply that is not a summary stays under this many characters.</summary>
    private const int MaxReply = 600;

    /// <summary>The grade with a line per criterion, and separately what would raise it.</summary>
    private (string Body, string Advice) Detail(Turn turn, GroupGrade g)
    {
        var sb = new StringBuilder(turn.T("Grade.Title", g.Group, g.Village, g.Grade, g.Checks.Count(c => c.Met), g.Checks.Count));
        foreach (var check in g.Checks)
        {
            sb.Append('\n').Append(check.Met ? "✓ " : "✗ ").Append(turn.T($"Grade.Check.{check.Criterion}", Figures(texts, turn.Language, check)));
        }

        if (grades.NextUp(g) is not var (better, needed))
        {
            return (sb.ToString(), turn.T("Grade.Top"));
        }

        var actions = g.Missed.Select(c => turn.T($"Grade.Raise.{c.Criterion}")).ToList();
        return (sb.ToString(), turn.T(needed < actions.Count ? "Grade.RaiseSome" : "Grade.RaiseAll", better, needed, string.Join("; ", actions)));
    }

    /// <summary>"• D Mawar (Mungo): pertemuan 3/8; kehadiran 40%": the grade and what it misses, for lists and summaries.</summary>
    public static string Line(Texts texts, string language, GroupGrade g, bool withVillage)
    {
        var sb = new StringBuilder("• ").Append(g.Grade).Append(' ').Append(g.Group);
        if (withVillage)
        {
            sb.Append(" (").Append(g.Village).Append(')');
        }

        var missed = g.Missed.Select(c => texts.Get(language, $"Grade.Short.{c.Criterion}", Figures(texts, language, c))).ToList();
        if (missed.Count > 0)
        {
            sb.Append(": ").AppendJoin("; ", missed);
        }

        return sb.ToString();
    }

    /// <summary>The check's figures for its sentence: savings as rupiah, a business's result as "laba Rp …"/"rugi Rp …".</summary>
    private static object?[] Figures(Texts texts, string language, Check check) => check.Criterion switch
    {
        Criterion.Savings => [Rupiah.Format((long)check.Figures[0]), Rupiah.Format((long)check.Figures[1]), check.Figures[2]],
        Criterion.Business => [
            (int)check.Figures[1] == 0 ? texts.Get(language, "Business.NoReport")
                : texts.Get(language, (long)check.Figures[0] < 0 ? "Grade.Loss" : "Grade.Profit", Rupiah.Format(Math.Abs((long)check.Figures[0]))),
            check.Figures[1], check.Figures[2]],
        _ => check.Figures,
    };
}
