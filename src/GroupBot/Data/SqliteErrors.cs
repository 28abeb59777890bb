using Microsoft.Data.Sqlite;

namespace GroupBot.Data;

public static class SqliteErrors
{
    /// <summary>
    /// SQLITE_BUSY (5) or SQLITE_LOCKED (6), directly or inside EF's DbUpdateException: another
    /// writer held the database past the busy timeout. Transient: the failed transaction rolled
    /// back, so the work can simply be tried again.
    /// </summary>
    public static bool IsBusy(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }

        return false;
    }
}
