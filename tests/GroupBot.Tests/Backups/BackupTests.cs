using System.Diagnostics;
using GroupBot.Backups;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Backups;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_bot_runs_restores_with_all_the_data()
    {
        await using var bot = await Scenario.MelatiAsync();
        var target = Directory.CreateTempSubdirectory("groupbot-backup-").FullName;
        try
        {
            // The CLI command, as an operator runs it, while the bot keeps running.
            var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "GroupBot.dll"), "backup", target }, RedirectStandardOutput = true };
            start.Environment["GroupBot__DataDirectory"] = bot.Folder;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("groupbot.db", output, StringComparison.Ordinal);
            Assert.Contains("scheduler.db", output, StringComparison.Ordinal);

            // Restore = start a bot on the backup's folder.
            await using var restored = await BotHost.StartAsync(folder: target, time: bot.Time);
            Assert.Equal(3, await restored.DbAsync(db => db.Memberships.CountAsync()));
            Assert.StartsWith("Menu", await restored.TextAsync("rina", "bantuan"));
        }
        finally
        {
            TempFolder.Delete(target);
        }
    }

    [Fact]
    public void Only_the_newest_backups_are_kept()
    {
        var root = Directory.CreateTempSubdirectory("groupbot-backups-").FullName;
        try
        {
            foreach (var day in new[] { "20261201", "20261202", "20261203", "20261204" })
            {
                Directory.CreateDirectory(Path.Combine(root, $"groupbot-{day}-020000"));
            }

            Assert.Equal(2, BackupFiles.Prune(root, keep: 2));
            Assert.Equal(["groupbot-20261203-020000", "groupbot-20261204-020000"], Directory.GetDirectories(root).Select(Path.GetFileName).Order());
        }
        finally
        {
            TempFolder.Delete(root);
        }
    }
}
