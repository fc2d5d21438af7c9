using System.Text;
using Microsoft.Data.Sqlite;

namespace Stratus.Storage.Embedded;

/// <summary>
/// Builds the range read behind a table query. Each shape of query gets its own SQL text (and so its own cached,
/// index-friendly statement) rather than one statement full of <c>$x IS NULL OR …</c> terms the planner cannot use.
/// </summary>
internal static class EmbeddedTableQuerySql
{
    public static SqliteCommand Build(EmbeddedConnection connection, string table, byte[]? partition, byte[]? rowKeyFrom, byte[]? rowKeyTo, EmbeddedTableCursor? cursor, int limit)
    {
        var sql = new StringBuilder("SELECT pk, rk, etag, timestamp, properties FROM table_entities WHERE table_key = $t");
        var parameters = new List<(string Name, object Value)> { ("$t", table), ("$n", limit) };
        if (partition is not null)
        {
            sql.Append(" AND pk = $pk");
            parameters.Add(("$pk", partition));

            // One lower bound, the later of RowKeyFrom and the cursor, so the index seek starts where the page does.
            var lower = rowKeyFrom;
            var inclusive = true;
            if (cursor is not null && (lower is null || cursor.RowKey.AsSpan().SequenceCompareTo(lower) >= 0))
            {
                lower = cursor.RowKey;
                inclusive = cursor.Inclusive;
            }

            if (lower is not null)
            {
                sql.Append(inclusive ? " AND rk >= $lo" : " AND rk > $lo");
                parameters.Add(("$lo", lower));
            }

            if (rowKeyTo is not null)
            {
                sql.Append(" AND rk < $to");
                parameters.Add(("$to", rowKeyTo));
            }

            sql.Append(" ORDER BY rk LIMIT $n;");
        }
        else
        {
            if (cursor is not null)
            {
                sql.Append(cursor.Inclusive ? " AND (pk, rk) >= ($cpk, $crk)" : " AND (pk, rk) > ($cpk, $crk)");
                parameters.Add(("$cpk", cursor.PartitionKey));
                parameters.Add(("$crk", cursor.RowKey));
            }

            if (rowKeyFrom is not null)
            {
                sql.Append(" AND rk >= $from");
                parameters.Add(("$from", rowKeyFrom));
            }

            if (rowKeyTo is not null)
            {
                sql.Append(" AND rk < $to");
                parameters.Add(("$to", rowKeyTo));
            }

            sql.Append(" ORDER BY pk, rk LIMIT $n;");
        }

        var command = connection.Command(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
