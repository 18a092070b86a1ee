/*
 * udp-blast: a light DNS load generator for the all-cores benchmark. dnsperf spends about a
 * core of its own at 75,000 queries per second, which leaves a 2-core machine no room to show
 * a server using both cores; this client batches with sendmmsg/recvmmsg and costs a fraction.
 *
 * It reads a dnsperf query file ("name type" per line), keeps WINDOW queries outstanding over
 * SOCKETS source ports (so SO_REUSEPORT spreads them over the server's sockets), runs for
 * SECONDS and prints: sent, answered, answered per second. Loopback only.
 *
 * Build: cc -O2 -o bench/out/udp-blast bench/udp-blast.c
 * Usage: udp-blast HOST PORT QUERYFILE SECONDS [WINDOW=2000] [SOCKETS=16] [PAUSE_US=500]
 * PAUSE_US: sleep between rounds so that each recvmmsg finds many answers (fewer system calls
 * per query); the window must cover the server's rate times the pause.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAXQ 200000

static unsigned char *queries[MAXQ];
static int qlens[MAXQ];
static int nq;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int qtype(const char *t) {
  if (!strcmp(t, "A")) return 1;
  if (!strcmp(t, "AAAA")) return 28;
  if (!strcmp(t, "TXT")) return 16;
  if (!strcmp(t, "MX")) return 15;
  if (!strcmp(t, "CNAME")) return 5;
  if (!strcmp(t, "NS")) return 2;
  if (!strcmp(t, "SOA")) return 6;
  return atoi(t);
}

static void load(const char *file) {
  FILE *f = fopen(file, "r");
  if (!f) { perror(file); exit(1); }
  char name[300], type[32];
  while (nq < MAXQ && fscanf(f, "%299s %31s", name, type) == 2) {
    unsigned char *q = calloc(1, 12 + 256 + 4);
    q[2] = 0x01; /* RD, as dnsperf sends */
    q[5] = 1;
    int p = 12;
    char *label = strtok(name, ".");
    while (label) {
      size_t l = strlen(label);
      if (l > 63 || p + l + 6 > 12 + 256) break;
      q[p++] = (unsigned char)l;
      memcpy(q + p, label, l);
      p += l;
      label = strtok(NULL, ".");
    }
    q[p++] = 0;
    int t = qtype(type);
    q[p++] = t >> 8; q[p++] = t & 0xff;
    q[p++] = 0; q[p++] = 1;
    queries[nq] = q;
    qlens[nq++] = p;
  }
  fclose(f);
  if (nq == 0) { fprintf(stderr, "no queries in %s\n", file); exit(1); }
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: %s HOST PORT QUERYFILE SECONDS [WINDOW] [SOCKETS]\n", argv[0]); return 2; }
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
  if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || (ntohl(to.sin_addr.s_addr) >> 24) != 127) {
    fprintf(stderr, "only 127.0.0.0/8 addresses are allowed\n");
    return 2;
  }
  load(argv[3]);
  double seconds = atof(argv[4]);
  int window = argc > 5 ? atoi(argv[5]) : 2000;
  int nsock = argc > 6 ? atoi(argv[6]) : 16;
  int pause_us = argc > 7 ? atoi(argv[7]) : 500;
  int socks[256];
  struct pollfd pfd[256];
  for (int i = 0; i < nsock && i < 256; i++) {
    socks[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (connect(socks[i], (struct sockaddr *)&to, sizeof to) < 0) { perror("connect"); return 1; }
    int big = 4 << 20;
    setsockopt(socks[i], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    pfd[i].fd = socks[i];
    pfd[i].events = POLLIN;
  }
  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH];
  static unsigned char rbuf[BATCH][4096];
  long sent = 0, answered = 0, outstanding = 0;
  int next = 0, sock = 0;
  unsigned short id = 0;
  double start = now(), last_answer = start, end = start + seconds;
  while (now() < end) {
    /* Fill the window, a batch per socket in turn. */
    while (outstanding < window) {
      int n = window - outstanding < BATCH ? window - outstanding : BATCH;
      for (int i = 0; i < n; i++) {
        unsigned char *q = queries[next];
        q[0] = id >> 8; q[1] = id & 0xff; id++;
        iov[i].iov_base = q;
        iov[i].iov_len = qlens[next];
        memset(&msgs[i], 0, sizeof msgs[i]);
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        next = (next + 1) % nq;
      }
      int s = sendmmsg(socks[sock], msgs, n, 0);
      sock = (sock + 1) % nsock;
      if (s <= 0) break;
      sent += s;
      outstanding += s;
    }
    if (pause_us > 0) usleep(pause_us);
    if (poll(pfd, nsock, 5) <= 0) {
      if (now() - last_answer > 0.2) outstanding = 0; /* lost answers: start a new window */
      continue;
    }
    for (int i = 0; i < nsock; i++) {
      if (!(pfd[i].revents & POLLIN)) continue;
      for (;;) {
        for (int j = 0; j < BATCH; j++) {
          iov[j].iov_base = rbuf[j];
          iov[j].iov_len = sizeof rbuf[j];
          memset(&msgs[j], 0, sizeof msgs[j]);
          msgs[j].msg_hdr.msg_iov = &iov[j];
          msgs[j].msg_hdr.msg_iovlen = 1;
        }
        int r = recvmmsg(socks[i], msgs, BATCH, MSG_DONTWAIT, NULL);
        if (r <= 0) break;
        answered += r;
        outstanding -= r;
        if (outstanding < 0) outstanding = 0;
        last_answer = now();
      }
    }
  }
  double took = now() - start;
  printf("sent %ld answered %ld seconds %.2f qps %.0f\n", sent, answered, took, answered / took);
  return 0;
}
