using PaySim.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPaySimGateway();

var app = builder.Build();
app.MapPaySimGateway();
app.Run();

public partial class Program;
