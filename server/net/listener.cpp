#include "server/net/listener.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <stdexcept>

namespace atelier::net {

namespace asio = boost::asio;

Listener::Listener(asio::io_context& ioc, const asio::ip::tcp::endpoint& endpoint,
                   std::shared_ptr<const HttpConfig> config)
    : ioc_(ioc),
      acceptor_(asio::make_strand(ioc)),
      backoff_(acceptor_.get_executor()),
      config_(std::move(config)) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec && endpoint.protocol() == asio::ip::tcp::v6()) {
    acceptor_.set_option(asio::ip::v6_only(false), ec);
    ec = {};
  }
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + endpoint.address().to_string() + ":" +
                             std::to_string(endpoint.port()) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
}

void Listener::Run() { DoAccept(); }

void Listener::Stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void Listener::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_),
                         beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, asio::ip::tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // EMFILE, ENFILE, ENOBUFS...: the pending connection stays in the backlog; retrying at
    // once would spin a core. Honest clients are served again as descriptors free up.
    backoff_delay_ = std::min(std::chrono::milliseconds(1000),
                              std::max(std::chrono::milliseconds(10), backoff_delay_ * 2));
    accept_errors_++;
    backoff_.expires_after(backoff_delay_);
    backoff_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec && self->acceptor_.is_open()) self->DoAccept();
    });
    return;
  }
  backoff_delay_ = std::chrono::milliseconds(0);
  std::shared_ptr<void> ticket;
  if (config_->gate) {
    beast::error_code addr_ec;
    auto remote = socket.remote_endpoint(addr_ec);
    ticket = config_->gate->TryEnter(addr_ec ? std::string() : remote.address().to_string());
    if (!ticket) {
      socket.close(addr_ec);  // over a bound: refused at once, costs nothing more
      return DoAccept();
    }
  }
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  std::make_shared<HttpSession>(std::move(socket), config_, std::move(ticket))->Run();
  DoAccept();
}

}  // namespace atelier::net
