using Auction.Grains.Interfaces.Models;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Grains.Persistence;

/// <summary>
/// One column of the <c>transactions</c> table: its name, its type, how a <see cref="TransactionRecord"/> is written to
/// it (as a command parameter of the same name) and how it is read back into a record.
/// </summary>
public sealed class TransactionColumn(
    string name, NpgsqlDbType type, bool isKey,
    Func<TransactionRecord, NpgsqlParameter> parameter, Func<TransactionRecord, NpgsqlDataReader, int, TransactionRecord> read)
{
    public string Name { get; } = name;

    /// <summary>The parameter's type, which is the column's SQL type (the tests hold the two together).</summary>
    public NpgsqlDbType Type { get; } = type;

    /// <summary>The primary key: it names the row, so a later write of the row never changes it.</summary>
    public bool IsKey { get; } = isKey;

    /// <summary>A column whose value is never null; <typeparamref name="T"/> is sent as is, unboxed.</summary>
    public static TransactionColumn Required<T>(
        string name, NpgsqlDbType type, Func<TransactionRecord, T> value,
        Func<TransactionRecord, NpgsqlDataReader, int, TransactionRecord> read, bool isKey = false) =>
        new(name, type, isKey, r => new NpgsqlParameter<T>(name, type) { TypedValue = value(r) }, read);

    /// <summary>A column that may be null (SQL NULL when <paramref name="value"/> gives null).</summary>
    public static TransactionColumn Optional(
        string name, NpgsqlDbType type, Func<TransactionRecord, object?> value,
        Func<TransactionRecord, NpgsqlDataReader, int, TransactionRecord> read) =>
        new(name, type, isKey: false, r => new NpgsqlParameter(name, type) { Value = value(r) ?? DBNull.Value }, read);

    /// <summary>The command parameter (named as the column) that writes <paramref name="record"/>'s value.</summary>
    public NpgsqlParameter Parameter(TransactionRecord record) => parameter(record);

    /// <summary><paramref name="record"/> with this column's value, at <paramref name="ordinal"/> of the current row, in its place.</summary>
    public TransactionRecord Read(TransactionRecord record, NpgsqlDataReader reader, int ordinal) => read(record, reader, ordinal);

    public override string ToString() => Name;
}
