using Microsoft.Data.Sqlite;

namespace GroupBot.Tests.Support;

/// <summary>Removing a test's temporary data folder once its databases are closed.</summary>
public static class TempFolder
{
    /// <summary>
    /// Closes pooled SQLite connections, then deletes the folder. SQLite may still be removing a
    /// journal or WAL file as the last connection closes, so a "directory not empty" is retried a few
    /// times and then left to the OS, which cleans its temp folder: a test never fails on cleanup.
    /// </summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
