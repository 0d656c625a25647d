using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

// How the order's movements (its payment and its refunds) show in its state, and what follows them.
public sealed partial class MerchantOrderGrain
{
    private sealed class Flow(MerchantOrderGrain grain) : IMovementFlow<MerchantOrderGrainState>
    {
        /// <summary>An order keeps the recovery reminder: it sees through the notification owed after an outcome.</summary>
        public bool FoundByStateMark => false;

        public void RecordOutcome(MerchantOrderGrainState next, Movement movement, MovementOutcome outcome)
        {
            if (movement.Flow == MovementFlow.MerchantRefund)
            {
                grain.RecordRefundOutcome(next, movement, outcome);
            }
            else if (outcome.IsCompleted)
            {
                grain.RecordPaid(next);
            }
            else
            {
                grain.RecordFailedPayment(next, PaymentResult(outcome));
            }
        }

        /// <summary>A paid or closed order drops its expiry reminder; a paid one hands its notification over.</summary>
        public async Task AfterOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            if (movement.Flow == MovementFlow.MerchantPayment)
            {
                await grain.DropExpiryReminderIfEndedAsync();
                if (grain.S.NotificationPending)
                {
                    await grain.HandOverNotificationAsync();
                }
            }
        }

        /// <summary>The recovery reminder stays until the notification is handed over.</summary>
        public bool HasFollowUp(MerchantOrderGrainState state) => state.NotificationPending;
    }
}
