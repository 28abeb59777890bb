using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Architecture;

/// <summary>
/// The floors of docs/ARCHITECTURE.md, read from the source: imports point down only, no circle
/// between folders. A failure names the file and what in it makes the arrow.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Lazy<List<Floors.SourceFile>> Source = new(ReadSource);

    [Fact]
    public void Imports_point_down_the_floors()
    {
        var violations = Floors.Violations(Source.Value);
        Assert.True(violations.Count == 0, "Arrows up a floor (see docs/ARCHITECTURE.md):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void No_circle_between_folders()
    {
        var circles = Floors.Circles(Source.Value);
        Assert.True(circles.Count == 0, string.Join("\n", circles));
    }

    [Fact]
    public void The_source_was_read()
    {
        // Guards the two tests above against passing on an empty or wrong folder.
        Assert.True(Source.Value.Count > 100, $"read {Source.Value.Count} files");
        Assert.Contains(Source.Value, f => f.Path == "Chat/ConversationEngine.cs");
        Assert.Contains(Floors.Arrows(Source.Value), a => a is { From: "Savings", To: "Attendance" });
    }

    [Fact]
    public void A_using_up_a_floor_is_named_with_its_file()
    {
        var files = With("Data/Sneaky.cs", "using GroupBot.Savings;\n\nnamespace GroupBot.Data;\n\npublic sealed class Sneaky;\n");
        var violation = Assert.Single(Of("Data/Sneaky.cs", Floors.Violations(files)));
        Assert.Equal("Data/Sneaky.cs: Data (Data) may not use Savings (Feature): using GroupBot.Savings", violation);
    }

    [Fact]
    public void A_namespace_qualified_name_is_an_arrow_too()
    {
        var files = With("Chat/Sneaky.cs", "namespace GroupBot.Chat;\n\npublic sealed class Sneaky\n{\n    public Savings.SavingsReport? Report { get; set; }\n    public GroupBot.Trainings.Training? Training { get; set; }\n}\n");
        Assert.Equal(
            [
                "Chat/Sneaky.cs: Chat (Core) may not use Savings (Feature): Savings.SavingsReport",
                "Chat/Sneaky.cs: Chat (Core) may not use Trainings (Feature): GroupBot.Trainings.Training",
            ],
            Of("Chat/Sneaky.cs", Floors.Violations(files)));
    }

    [Fact]
    public void A_channel_may_not_name_a_feature_or_scheduling()
    {
        var files = With("Channels/Telegram/Sneaky.cs", "using GroupBot.Groups;\nusing GroupBot.Scheduling;\n\nnamespace GroupBot.Channels.Telegram;\n\npublic sealed class Sneaky;\n");
        Assert.Equal(2, Floors.Violations(files).Count(v => v.StartsWith("Channels/Telegram/Sneaky.cs: Channels/Telegram (Channel) may not use", StringComparison.Ordinal)));
    }

    [Fact]
    public void Comments_and_strings_are_not_arrows()
    {
        var files = With("Data/Quiet.cs", "namespace GroupBot.Data;\n\n// using GroupBot.Savings;\n/* GroupBot.Trainings.Training */\npublic sealed class Quiet\n{\n    public const string Why = \"Savings.SavingsReport and GroupBot.Chat.Turn\";\n    public const string Raw = \"\"\"\n        GroupBot.Summaries.Export\n        \"\"\";\n}\n");
        Assert.Empty(Of("Data/Quiet.cs", Floors.Violations(files)));
    }

    [Fact]
    public void A_circle_between_features_is_named_with_the_files_that_close_it()
    {
        // Savings already reads the latest minutes (laporan terakhir); minutes reading savings closes a circle.
        var files = With("Minutes/Sneaky.cs", "using GroupBot.Savings;\n\nnamespace GroupBot.Minutes;\n\npublic sealed class Sneaky;\n");
        var circle = Assert.Single(Floors.Circles(files));
        Assert.StartsWith("circle between Minutes, Savings:", circle, StringComparison.Ordinal);
        Assert.Contains("Minutes -> Savings: Minutes/Sneaky.cs (using GroupBot.Savings)", circle, StringComparison.Ordinal);
        Assert.Contains("Savings -> Minutes: Savings/", circle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_floor_fails()
    {
        var files = With("Helpers/Util.cs", "namespace GroupBot.Helpers;\n\npublic static class Util;\n");
        Assert.Contains("Helpers/Util.cs: folder 'Helpers' has no floor (add it to Floors.Folders and docs/ARCHITECTURE.md)", Floors.Violations(files));
    }

    [Fact]
    public void A_namespace_from_another_folder_fails()
    {
        var files = With("Data/Hidden.cs", "namespace GroupBot.Savings;\n\npublic sealed class Hidden;\n");
        Assert.Contains("Data/Hidden.cs: namespace GroupBot.Savings does not match its folder Data", Floors.Violations(files));
    }

    [Fact]
    public async Task Every_feature_maps_its_tables_and_the_model_matches_the_migrations()
    {
        // GroupBotDb names no feature: each floor maps its own entities. A mapping lost on the way
        // (a table or index gone) would show as a model change against the migrations.
        await using var bot = await BotHost.StartAsync();
        var pending = await bot.DbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending);
        var tables = await bot.DbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.GetTableName()).Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(
            ["Approvals", "Attendance", "Audit", "BusinessBooks", "BusinessReports", "CallbackAliases", "ChannelStates", "ChatIdentities", "Conversations", "EventDelegates", "FacilitatorAssignments", "Groups", "Inbox", "Instances", "Invitations",
             "JoinCodes", "Leases", "LedgerCycles", "LedgerLines", "LedgerMeetings", "Loans", "Meetings", "Memberships", "Minutes", "Outbox", "People", "PlanningEvents", "ProposalChanges", "ProposalGroups", "Proposals",
             "ReceiptFlags", "SavingsReports", "ShareOutLines", "ShareOuts", "Trainings", "Villages"],
            tables);
    }

    /// <summary>The lines about one file: the rule tests hold whatever the rest of the tree says.</summary>
    private static List<string> Of(string path, IEnumerable<string> lines) => [.. lines.Where(l => l.StartsWith(path + ":", StringComparison.Ordinal))];

    private static IReadOnlyList<Floors.SourceFile> With(string path, string text) => [.. Source.Value, new Floors.SourceFile(path, text)];

    private static List<Floors.SourceFile> ReadSource()
    {
        var root = Path.Combine(RepoRoot(), "src", "GroupBot");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new Floors.SourceFile(p, File.ReadAllText(Path.Combine(root, p))))
            .ToList();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GroupBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"GroupBot.sln not found above {AppContext.BaseDirectory}");
    }
}
