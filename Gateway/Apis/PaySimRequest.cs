using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PaySim.Gateway.Apis;

/// <summary>
/// The fields of one POST /PaySim body. Each read returns the value, or a default and remembers the first problem
/// in <see cref="Error"/>: a handler reads all its fields, then answers <see cref="Error"/> if there is one.
/// Integers are tolerant (a JSON number or a string of digits, as the seed itself types 提现's sum as String);
/// fractions, exponents, non-numeric text and values beyond a 64-bit integer are refused.
/// </summary>
public sealed class PaySimRequest(JsonElement root)
{
    public BadRequest<PaySimReply>? Error { get; private set; }

    public string RequiredString(string name, int lengthMax) =>
        OptionalString(name, lengthMax) ?? Fail<string>(name, Reasons.MissingField, "");

    public string? OptionalString(string name, int lengthMax)
    {
        if (!TryGetField(name, out var field))
        {
            return null;
        }

        if (field.ValueKind != JsonValueKind.String)
        {
            return Fail<string?>(name, Reasons.InvalidFieldType, null);
        }

        // Whitespace alone names no account, trade or request (Orleans refuses it as a grain key), and a name with a
        // control character (NUL, which PostgreSQL's text cannot hold; CR or LF, which would forge lines in a text log)
        // names nothing either. A password is a secret, not a name: it is never stored or logged, and may be any text.
        var value = field.GetString()!;
        var isName = name != Fields.Password;
        var blank = isName ? string.IsNullOrWhiteSpace(value) : value.Length == 0;
        return blank ? Fail<string?>(name, Reasons.EmptyField, null)
            : isName && ControlCharacters.In(value) ? Fail<string?>(name, Reasons.ControlCharacter, null)
            : value.Length > lengthMax ? Fail<string?>(name, Reasons.FieldTooLong, null)
            : value;
    }

    public long RequiredInteger(string name) => OptionalInteger(name) ?? Fail<long>(name, Reasons.MissingField, 0);

    public long? OptionalInteger(string name)
    {
        if (!TryGetField(name, out var field))
        {
            return null;
        }

        return field.ValueKind switch
        {
            JsonValueKind.Number when field.TryGetInt64(out var number) => number,
            JsonValueKind.String when IntegerText.TryParse(field.GetString(), out var number) => number,
            JsonValueKind.Number or JsonValueKind.String => Fail<long?>(name, Reasons.InvalidInteger, null),
            _ => Fail<long?>(name, Reasons.InvalidFieldType, null),
        };
    }

    /// <summary>A field set to JSON null counts as absent, as clients often send every field of a form.</summary>
    private bool TryGetField(string name, out JsonElement field) =>
        root.TryGetProperty(name, out field) && field.ValueKind != JsonValueKind.Null;

    private T Fail<T>(string name, string reason, T fallback)
    {
        Error ??= TypedResults.BadRequest(new PaySimReply { Reason = reason, Field = name });
        return fallback;
    }
}
