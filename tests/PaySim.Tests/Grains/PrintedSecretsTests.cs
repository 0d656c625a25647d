using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Tests.Grains;

/// <summary>
/// Grain call arguments that carry a secret print it masked: Orleans' trace and error lines print a call's arguments
/// with ToString, and a record's generated ToString prints every property.
/// </summary>
public sealed class PrintedSecretsTests
{
    private const string Secret = "s3cret-Pa55word";

    public static TheoryData<object> ArgumentsWithASecret() =>
    [
        new AccountMovement("transfer/t1/debit", MovementKind.TransferOut, 100, "b", "t1", Password: Secret),
        new ExternalMovement(MovementKind.Withdrawal, 100, "r1", Password: Secret),
        new AccountBatchRequest("m-", 1, 10, Secret, 100),
        new TransferRequest("a", "b", 100, Secret),
        new SignedRequest(MerchantSecretKind.Key, Secret, Secret, Secret, Secret),
        PayerAuthorisation.WithPassword("a", Secret),
        PayerAuthorisation.WithPayerCode(Secret),
    ];

    [Theory]
    [MemberData(nameof(ArgumentsWithASecret))]
    public void Printed_TheSecretIsMasked_AndTheRestStaysReadable(object argument)
    {
        var printed = argument.ToString()!;

        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
        Assert.Contains(Secrets.Mask, printed, StringComparison.Ordinal);
        Assert.StartsWith(argument.GetType().Name + " { ", printed, StringComparison.Ordinal);
    }
}
