using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GroupBot.Tests.ScaleOut;

/// <summary>A SQLite deployment moved to PostgreSQL with "migrate-to-postgres": the same rows, the same schedules, and a bot that carries on.</summary>
public sealed class MoveToPostgresTests
{
    [Fact]
    public async Task Every_row_and_schedule_is_copied_and_the_bot_carries_on_on_PostgreSQL()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestPostgres.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("groupbot-move-").FullName;
        try
        {
            // A small deployment on SQLite: a group, three people, a savings report, minutes of talk.
            var sqlite = await Scenario.MelatiAsync(settings: new Dictionary<string, string?> { ["GroupBot:DataDirectory"] = folder });
            var time = sqlite.Time;
            await sqlite.SayAsync("rina", "lapor");
            foreach (var step in new[] { "hari ini", "150rb", "0", "0", "0", "0", "1,5 juta", "0", "simpan" })
            {
                await sqlite.SayAsync("rina", step);
            }

            var before = await CountsAsync(sqlite);
            var jobs = await JobsAsync(sqlite);
            Assert.True(before.Reports == 1 && before.People == 4 && jobs > 0, $"{before}, {jobs} jobs");
            await sqlite.DisposeAsync();

            using var output = new StringWriter();
            var code = await GroupBot.MoveToPostgres.RunAsync(database, [$"--GroupBot:DataDirectory={folder}"], output, ct);
            Assert.True(code == 0, output.ToString());
            Assert.Contains("every count matches", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("MISMATCH", output.ToString(), StringComparison.Ordinal);

            // Copying into a database that already has rows is refused and changes nothing.
            using var again = new StringWriter();
            Assert.Equal(1, await GroupBot.MoveToPostgres.RunAsync(database, [$"--GroupBot:DataDirectory={folder}"], again, ct));
            Assert.Contains("not empty", again.ToString(), StringComparison.Ordinal);

            // The bot on PostgreSQL: same rows, same jobs, and new rows get new ids.
            var postgres = await BotHost.StartAsync(time: time, settings: new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:GroupBot"] = database,
                ["GroupBot:DataDirectory"] = folder,
            });
            await using (postgres)
            {
                Assert.Equal(before, await CountsAsync(postgres));
                Assert.Equal(jobs, await JobsAsync(postgres));
                Assert.Contains("Rp 150.000", await postgres.TextAsync("rina", "laporan terakhir"), StringComparison.Ordinal);
                var codes = Scenario.Codes(await postgres.TextAsync("rina", "kode"));
                await Scenario.JoinAsync(postgres, "dewi", codes.Member, "Dewi");
                var people = await postgres.DbAsync(db => db.People.OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).ToListAsync());
                Assert.Equal("Dewi", people[^1].Name);
                Assert.Equal(5, people.Count);
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            TempFolder.Delete(folder);
        }
    }

    private sealed record Counts(int People, int Groups, int Reports, int Inbox, int Outbox, int Memberships);

    private static Task<Counts> CountsAsync(BotHost bot) => bot.DbAsync(async db => new Counts(
        await db.People.CountAsync(), await db.Groups.CountAsync(), await db.SavingsReports.CountAsync(),
        await db.Inbox.CountAsync(), await db.Outbox.CountAsync(), await db.Memberships.CountAsync()));

    private static async Task<int> JobsAsync(BotHost bot)
    {
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        return (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), TestContext.Current.CancellationToken)).Count;
    }
}
