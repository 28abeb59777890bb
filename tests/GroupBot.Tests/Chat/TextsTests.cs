using System.Text.RegularExpressions;
using GroupBot.Chat;

namespace GroupBot.Tests.Chat;

public sealed partial class TextsTests
{
    [Fact]
    public void Indonesian_and_English_have_the_same_keys()
    {
        var id = Texts.Keys("id");
        var en = Texts.Keys("en");
        Assert.NotEmpty(id);
        Assert.Empty(id.Except(en));
        Assert.Empty(en.Except(id));
    }

    [Fact]
    public void Every_key_the_code_names_exists()
    {
        var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/GroupBot"));
        var keys = Texts.Keys("id");
        var used = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.True(used.Count > 50, $"found only {used.Count} keys; is the pattern still right?");
        Assert.All(used, k => Assert.Contains(k, keys));
    }

    [Fact]
    public void Enum_based_keys_exist_for_every_value()
    {
        var keys = Texts.Keys("id");
        var expected = Enum.GetNames<GroupBot.People.GroupKind>().Select(n => $"Kind.{n}")
            .Concat(Enum.GetNames<GroupBot.People.MemberRole>().Select(n => $"Role.{n}"))
            .Concat(Enum.GetNames<GroupBot.Attendance.AttendanceStatus>().Select(n => $"Status.{n}"))
            .Concat(Enum.GetNames<GroupBot.Savings.ReportField>().SelectMany(n => new[] { $"Field.{n}", $"Report.Ask.{n}" }))
            .Concat(Enum.GetNames<GroupBot.Chat.Parsing.AmountProblem>().Where(n => n != "None").Select(n => $"Amount.{n}"))
            .Concat(GroupBot.People.Roles.Officers.Select(r => $"Button.Role.{r}"))
            .Concat(Enum.GetNames<GroupBot.Trainings.TrainingAudience>().Select(n => $"Audience.{n}"))
            .Concat(Enum.GetNames<GroupBot.Trainings.Rsvp>().Select(n => $"Rsvp.{n}"))
            .Concat(Enum.GetNames<GroupBot.Trainings.Rsvp>().Where(n => n != "None").Select(n => $"Training.Rsvp{n}"))
            .Concat(Enum.GetNames<GroupBot.Planning.PlanningEventKind>().Select(n => $"Planning.Kind.{n}"))
            .Concat(Enum.GetNames<GroupBot.Planning.ProposalField>().Select(n => $"Proposal.Field.{n}"))
            .Concat(Enum.GetNames<GroupBot.Planning.ProposalStatus>().Select(n => $"Proposal.Status.{n}"))
            .Concat(Enum.GetNames<GroupBot.Planning.ProposalStatus>().Where(n => n is not ("Proposed" or "Joined")).Select(n => $"Proposal.To.{n}"))
            .Concat(GroupBot.Planning.EditProposalFlow.Parts.Select(p => $"Proposal.Part.{p}"))
            .Concat(new[] { "InBudget", "Done" }.Select(n => $"Proposal.Status.{n}.Amount"))
            .Concat(new[] { "Rejected", "NotDiscussed" }.Select(n => $"Proposal.Status.{n}.Reason"))
            .Concat(GroupBot.Planning.Outcomes.Answers.Select(a => $"Proposal.Outcome.{a}"));
        Assert.All(expected, k => Assert.Contains(k, keys));
    }

    [Fact]
    public void Format_arguments_match_between_languages()
    {
        var texts = new Texts();
        foreach (var key in Texts.Keys("id"))
        {
            var id = Placeholders().Matches(texts.Get("id", key)).Select(m => m.Value).Distinct().Order();
            var en = Placeholders().Matches(texts.Get("en", key)).Select(m => m.Value).Distinct().Order();
            Assert.True(id.SequenceEqual(en), key);
        }
    }

    [GeneratedRegex("\"((?:Menu|Help|Button|Flow|Input|Unknown|Error|Refuse|Join|Language|Village|Facilitator|GroupNew|Group|Members|Attendance|Meeting|RollCall|Report|Picker|Minutes|Field|Amount|Link|Reminder|Schedule|Training|Audience|Rsvp|Summary|Chart|Export|Announce|Privacy|Cycle|Planning|PlanningSummary|Proposal|Delegates|Rules|Entry|Receipt|Loan|Approval|ShareOut|Book|Arrears|Ledger)\\.[A-Za-z]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholders();
}
