using PaySim.Gateway.Apis;
using PaySim.Gateway.Hosting;
using PaySim.Gateway.Merchant;

var builder = WebApplication.CreateBuilder(args);
builder.AddPaySimGateway();
builder.Services.AddMerchantGateway(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.MapPaySimApi();
app.MapMerchantPayApi();
app.MapAggregatorApi();
app.MapCashierApi();
app.MapMerchantAdminApi();
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.Run();

public partial class Program;
