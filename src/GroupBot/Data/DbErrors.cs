using Microsoft.Data.Sqlite;
using Npgsql;

namespace GroupBot.Data;

/// <summary>What a database error means, the same question answered for each provider.</summary>
public static class DbErrors
{
    /// <summary>
    /// Another writer was in the way and the work can simply be tried again: SQLite's SQLITE_BUSY
    /// (5) or SQLITE_LOCKED (6) after the busy timeout; PostgreSQL's serialization failure (40001),
    /// deadlock (40P01) or lock timeout (55P03). The failed transaction rolled back, directly or
    /// inside EF's DbUpdateException.
    /// </summary>
    public static bool IsBusy(Exception ex) => Any(ex, e => e is SqliteException { SqliteErrorCode: 5 or 6 }
        || e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable });

    /// <summary>
    /// PostgreSQL: this transaction lost a race to another and succeeds when run again: a
    /// serialization failure, a deadlock, or a unique index that another transaction filled
    /// meanwhile (two members' attendance both making today's meeting row; SQLite, with one
    /// writer, never meets that race).
    /// </summary>
    public static bool IsConflict(Exception ex) => Any(ex, e =>
        e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation });

    /// <summary>The exception or one inside it (EF and Npgsql wrap what the database said).</summary>
    private static bool Any(Exception ex, Func<Exception, bool> what)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (what(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A unique index refused the row: SQLite's SQLITE_CONSTRAINT (19, any unique or primary key),
    /// PostgreSQL's unique_violation (23505). With <paramref name="column"/>, only a violation of
    /// an index over that column of <paramref name="table"/> counts.
    /// </summary>
    public static bool IsUniqueViolation(Exception ex, string? table = null, string? column = null)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 19 } s:
                    return column is null || s.Message.Contains($"{table}.{column}", StringComparison.Ordinal);
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p:
                    return column is null || (string.Equals(p.TableName, table, StringComparison.Ordinal)
                        && p.ConstraintName?.Contains(column, StringComparison.Ordinal) == true);
            }
        }

        return false;
    }

    /// <summary>The database cannot be reached or read just now (file, server or connection).</summary>
    public static bool IsUnavailable(Exception ex) => ex is SqliteException or NpgsqlException or InvalidOperationException or ObjectDisposedException;
}
