/*
 * bench/live/sse_reader.c: the live benchmarks' SSE load client, in C (bench/live/native.py builds
 * it with the machine's gcc into a temporary folder and drives it).
 *
 * The Python load client (bench/live/client.py) keeps every byte each reader receives and decodes
 * them afterwards; at 10,000 readers of a chat room (hundreds of MB a second) it cannot read as fast
 * as the server writes. This one keeps no payload: it decodes the chunked encoding and the SSE
 * frames as the bytes arrive, with a single epoll loop, and keeps for each event only its id and
 * the time it arrived (CLOCK_REALTIME, comparable with Python's time.time()). What it hands back is
 * what bench/live/client.py's `results` gives, so the same checks run on it.
 *
 * Orders, one a line on stdin; one JSON answer a line on stdout:
 *
 *   connect N N@SINCE ...       open readers N (from Last-Event-ID SINCE), answer once all are open
 *   wait_ready TIMEOUT EVERY    until every open reader (EVERY=1: every reader) has had `ready`
 *   wait_for ID TIMEOUT         until every open reader has received an event with an id >= ID
 *   drop                        hang up every connection
 *   status                      how many are open and ready
 *   results PATH                write every reader's connections and events to PATH (see below)
 *   quit
 *
 * Usage: sse_reader HOST PORT PATH CONCURRENCY
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define READ_BUFFER_BYTES (256 * 1024)
#define HEAD_LIMIT 16384      /* a response head longer than this is an error */
#define LINE_PREFIX 64        /* of each SSE line only its start is kept: enough for id: and event: */
#define KIND_LENGTH 32
#define MAX_KINDS 8
#define LOWEST_READER (-100000) /* reader numbers may be negative (the benchmarks' warm-up readers) */
#define HIGHEST_READER 1000000
#define NONE INT64_MIN         /* no id */
#define STDIN_MARK NULL        /* the epoll data of stdin */

static double now(void) {
    struct timespec moment;
    clock_gettime(CLOCK_REALTIME, &moment);
    return (double)moment.tv_sec + (double)moment.tv_nsec / 1e9;
}

static void *grown(void *memory, size_t size) {
    void *bigger = realloc(memory, size);
    if (bigger == NULL) {
        fprintf(stderr, "sse_reader: out of memory\n");
        exit(2);
    }
    return bigger;
}

/* --- readers and their connections ------------------------------------------------------------- */

enum BodyState { HEAD, CHUNK_SIZE, CHUNK_EXTENSION, CHUNK_DATA, CHUNK_END, UNCHUNKED, BODY_DONE };

typedef struct Reader Reader;

typedef struct Connection {
    Reader *reader;
    struct Connection *next; /* the reader's next connection */
    int fd;
    int connecting;
    int64_t since;
    double started, ready_at, closed_at;
    int status, closed_by_client;
    int64_t ready_id, resets;
    char error[80];
    char kinds[MAX_KINDS][KIND_LENGTH];
    int kind_count;
    /* every event received: its id and arrival */
    int64_t *ids;
    double *stamps;
    size_t count, capacity;
    /* decoding: the HTTP response, then the chunks, then the SSE lines and frames */
    enum BodyState state;
    char *head;
    size_t head_length;
    size_t chunk_left;
    char line[LINE_PREFIX];
    size_t line_length;
    int64_t frame_id;
    int frame_has_data;
    char frame_kind[KIND_LENGTH];
} Connection;

struct Reader {
    int64_t number;
    Connection *first, *last, *current; /* current: the open connection, if any */
};

typedef struct {
    Reader *reader;
    int64_t since;
} PendingConnect;

static struct {
    struct sockaddr_in address;
    char *request_head;
    size_t request_head_length;
    int concurrency;
    int epoll;
    Reader **by_number; /* index: number - LOWEST_READER */
    Reader **readers;   /* in the order they were first connected */
    size_t reader_count, reader_capacity;
    int64_t open, ready, failed_connects, in_flight;
    PendingConnect *pending;
    size_t pending_count, pending_next;
} client;

static void add_event(Connection *connection, int64_t id, double stamp) {
    if (connection->count == connection->capacity) {
        connection->capacity = connection->capacity ? connection->capacity * 2 : 64;
        connection->ids = grown(connection->ids, connection->capacity * sizeof(int64_t));
        connection->stamps = grown(connection->stamps, connection->capacity * sizeof(double));
    }
    connection->ids[connection->count] = id;
    connection->stamps[connection->count] = stamp;
    connection->count++;
}

static void note_kind(Connection *connection, const char *kind) {
    for (int i = 0; i < connection->kind_count; i++)
        if (strcmp(connection->kinds[i], kind) == 0) return;
    if (connection->kind_count < MAX_KINDS) strcpy(connection->kinds[connection->kind_count++], kind);
}

/* The connection ends (the server hung up, an error, or the client dropped it). */
static void close_connection(Connection *connection, const char *error) {
    if (connection->fd < 0) return;
    close(connection->fd); /* also takes it out of the epoll set */
    connection->fd = -1;
    connection->closed_at = now();
    if (error != NULL && connection->error[0] == '\0')
        snprintf(connection->error, sizeof connection->error, "%s", error);
    free(connection->head);
    connection->head = NULL;
    Reader *reader = connection->reader;
    if (connection->connecting) {
        connection->connecting = 0;
        client.in_flight--;
        client.failed_connects++;
    } else if (reader->current == connection) {
        reader->current = NULL;
        client.open--;
        if (!isnan(connection->ready_at)) client.ready--;
    }
}

/* --- decoding: SSE frames ------------------------------------------------------------------------ */

/* One frame has ended (a blank line): dispatch it as EventSource would. */
static void dispatch_frame(Connection *connection, double stamp) {
    if (connection->frame_has_data) {
        const char *kind = connection->frame_kind[0] ? connection->frame_kind : "message";
        if (strcmp(kind, "ready") == 0) {
            connection->ready_id = connection->frame_id;
            if (isnan(connection->ready_at)) {
                connection->ready_at = stamp;
                if (connection->reader->current == connection) client.ready++;
            }
        } else if (strcmp(kind, "reset") == 0) {
            connection->resets++;
        } else {
            /* An event without an id is recorded as -1, which no published event has. */
            add_event(connection, connection->frame_id == NONE ? -1 : connection->frame_id, stamp);
            note_kind(connection, kind);
        }
    }
    connection->frame_id = NONE;
    connection->frame_has_data = 0;
    connection->frame_kind[0] = '\0';
}

/* One whole line of a frame; only its first LINE_PREFIX bytes were kept (`length` is all of it). */
static void frame_line(Connection *connection, size_t length, double stamp) {
    char *line = connection->line;
    size_t kept = length < LINE_PREFIX ? length : LINE_PREFIX - 1;
    if (kept > 0 && line[kept - 1] == '\r') kept--, length--;
    line[kept] = '\0';
    if (length == 0) {
        dispatch_frame(connection, stamp);
    } else if (strncmp(line, "id:", 3) == 0) {
        const char *value = line[3] == ' ' ? line + 4 : line + 3;
        connection->frame_id = strtoll(value, NULL, 10);
    } else if (strncmp(line, "event:", 6) == 0) {
        const char *value = line[6] == ' ' ? line + 7 : line + 6;
        snprintf(connection->frame_kind, KIND_LENGTH, "%s", value);
    } else if (strncmp(line, "data", 4) == 0 && (line[4] == ':' || length == 4)) {
        connection->frame_has_data = 1;
    }
}

/* Body bytes (after the chunked encoding): split into lines with memchr, keeping each line's start. */
static void feed_frames(Connection *connection, const char *data, size_t size, double stamp) {
    while (size > 0) {
        const char *end = memchr(data, '\n', size);
        size_t piece = end ? (size_t)(end - data) : size;
        if (connection->line_length < LINE_PREFIX - 1) {
            size_t room = LINE_PREFIX - 1 - connection->line_length;
            memcpy(connection->line + connection->line_length, data, piece < room ? piece : room);
        }
        connection->line_length += piece;
        if (end == NULL) return;
        frame_line(connection, connection->line_length, stamp);
        connection->line_length = 0;
        data += piece + 1;
        size -= piece + 1;
    }
}

/* --- decoding: the HTTP response ----------------------------------------------------------------- */

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The response head is complete: its status and whether the body is chunked. */
static void parse_head(Connection *connection) {
    connection->head[connection->head_length] = '\0';
    connection->status = (int)strtol(connection->head + 9, NULL, 10); /* after "HTTP/1.1 " */
    connection->state = strcasestr(connection->head, "\r\ntransfer-encoding: chunked") ? CHUNK_SIZE : UNCHUNKED;
    free(connection->head);
    connection->head = NULL;
}

/* Bytes read from the socket: the head, then the chunks' data to the frames. */
static void received(Connection *connection, const char *data, size_t size, double stamp) {
    while (size > 0) {
        switch (connection->state) {
        case HEAD: {
            if (connection->head == NULL) connection->head = grown(NULL, HEAD_LIMIT + 1);
            /* Byte by byte until the blank line: heads are small, and this is once per connection. */
            connection->head[connection->head_length++] = *data++;
            size--;
            size_t n = connection->head_length;
            if (n >= 4 && memcmp(connection->head + n - 4, "\r\n\r\n", 4) == 0) {
                parse_head(connection);
            } else if (n == HEAD_LIMIT) {
                close_connection(connection, "the response head is too long");
                return;
            }
            break;
        }
        case CHUNK_SIZE: {
            int digit = hex_digit(*data);
            if (digit >= 0) {
                connection->chunk_left = connection->chunk_left * 16 + (size_t)digit;
            } else if (*data == ';') {
                connection->state = CHUNK_EXTENSION;
            } else if (*data == '\n') {
                connection->state = connection->chunk_left ? CHUNK_DATA : BODY_DONE;
            }
            data++, size--;
            break;
        }
        case CHUNK_EXTENSION:
            if (*data == '\n') connection->state = connection->chunk_left ? CHUNK_DATA : BODY_DONE;
            data++, size--;
            break;
        case CHUNK_DATA: {
            size_t piece = size < connection->chunk_left ? size : connection->chunk_left;
            feed_frames(connection, data, piece, stamp);
            connection->chunk_left -= piece;
            data += piece, size -= piece;
            if (connection->chunk_left == 0) connection->state = CHUNK_END;
            break;
        }
        case CHUNK_END: /* the CRLF after a chunk's data */
            if (*data == '\n') connection->state = CHUNK_SIZE;
            data++, size--;
            break;
        case UNCHUNKED:
            feed_frames(connection, data, size, stamp);
            return;
        case BODY_DONE:
            return;
        }
    }
}

/* --- connecting ---------------------------------------------------------------------------------- */

static Reader *reader_numbered(int64_t number) {
    if (number < LOWEST_READER || number > HIGHEST_READER) {
        fprintf(stderr, "sse_reader: reader number %lld out of range\n", (long long)number);
        exit(2);
    }
    Reader **slot = &client.by_number[number - LOWEST_READER];
    if (*slot == NULL) {
        *slot = calloc(1, sizeof(Reader));
        (*slot)->number = number;
        if (client.reader_count == client.reader_capacity) {
            client.reader_capacity = client.reader_capacity ? client.reader_capacity * 2 : 1024;
            client.readers = grown(client.readers, client.reader_capacity * sizeof(Reader *));
        }
        client.readers[client.reader_count++] = *slot;
    }
    return *slot;
}

static void connected(Connection *connection) {
    connection->connecting = 0;
    client.in_flight--;
    client.open++;
    connection->reader->current = connection;
    char request[1024];
    int length = snprintf(request, sizeof request, "%s", client.request_head);
    if (connection->since != NONE)
        length += snprintf(request + length, sizeof request - (size_t)length, "Last-Event-ID: %lld\r\n",
                           (long long)connection->since);
    length += snprintf(request + length, sizeof request - (size_t)length, "\r\n");
    /* A fresh socket's buffer takes a few hundred bytes at once. */
    if (send(connection->fd, request, (size_t)length, MSG_NOSIGNAL) != length) {
        close_connection(connection, strerror(errno));
        return;
    }
    struct epoll_event watch = {.events = EPOLLIN, .data.ptr = connection};
    epoll_ctl(client.epoll, EPOLL_CTL_MOD, connection->fd, &watch);
}

static void start_connect(Reader *reader, int64_t since) {
    Connection *connection = calloc(1, sizeof(Connection));
    connection->reader = reader;
    connection->since = since;
    connection->started = now();
    connection->ready_at = connection->closed_at = NAN;
    connection->ready_id = connection->frame_id = NONE;
    connection->state = HEAD;
    if (reader->last) reader->last->next = connection;
    else reader->first = connection;
    reader->last = connection;
    client.in_flight++;
    connection->connecting = 1;
    connection->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (connection->fd < 0) {
        snprintf(connection->error, sizeof connection->error, "socket: %s", strerror(errno));
        connection->closed_at = now();
        connection->connecting = 0;
        client.in_flight--;
        client.failed_connects++;
        return;
    }
    int result = connect(connection->fd, (struct sockaddr *)&client.address, sizeof client.address);
    struct epoll_event watch = {.events = EPOLLOUT | EPOLLIN, .data.ptr = connection};
    epoll_ctl(client.epoll, EPOLL_CTL_ADD, connection->fd, &watch);
    if (result == 0) connected(connection);
    else if (errno != EINPROGRESS) close_connection(connection, strerror(errno));
}

/* Start queued connects while fewer than `concurrency` are in flight. */
static void start_pending(void) {
    while (client.pending_next < client.pending_count && client.in_flight < client.concurrency) {
        PendingConnect *next = &client.pending[client.pending_next++];
        start_connect(next->reader, next->since);
    }
}

/* --- the socket events --------------------------------------------------------------------------- */

static char read_buffer[READ_BUFFER_BYTES];

static void socket_event(Connection *connection, uint32_t events) {
    if (connection->connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(connection->fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error) close_connection(connection, strerror(error));
        else if (events & EPOLLOUT) connected(connection);
        return;
    }
    ssize_t size = read(connection->fd, read_buffer, sizeof read_buffer);
    if (size > 0) {
        received(connection, read_buffer, (size_t)size, now());
    } else if (size == 0) {
        close_connection(connection, NULL);
    } else if (errno != EAGAIN && errno != EINTR) {
        close_connection(connection, strerror(errno));
    }
}

/* --- the orders ---------------------------------------------------------------------------------- */

static void answer(const char *format, ...) {
    va_list values;
    va_start(values, format);
    vprintf(format, values);
    va_end(values);
    putchar('\n');
    fflush(stdout);
}

enum Waiting { NOTHING, CONNECTS, READY, EVENT };

static struct {
    enum Waiting what;
    double deadline, started;
    int every_reader;
    int64_t event_id;
} order;

static int64_t waiting_for_event(void) {
    int64_t missing = 0;
    for (size_t i = 0; i < client.reader_count; i++) {
        Connection *current = client.readers[i]->current;
        if (current && (current->count == 0 || current->ids[current->count - 1] < order.event_id)) missing++;
    }
    return missing;
}

/* Answer the order under way if it is done (or its time is up). */
static void check_order(void) {
    double moment = now();
    switch (order.what) {
    case NOTHING:
        return;
    case CONNECTS:
        if (client.pending_next < client.pending_count || client.in_flight > 0) return;
        answer("{\"open\": %lld, \"failed_connects\": %lld, \"seconds\": %.6f}", (long long)client.open,
               (long long)client.failed_connects, moment - order.started);
        break;
    case READY: {
        int64_t wanted = order.every_reader ? (int64_t)client.reader_count : client.open;
        if (client.ready < wanted && moment < order.deadline) return;
        answer("{\"open\": %lld, \"ready\": %lld, \"at\": %.6f}", (long long)client.open,
               (long long)client.ready, moment);
        break;
    }
    case EVENT: {
        /* A look at every reader: not more often than every 10 ms, whatever the traffic. */
        static double last_look;
        if (moment - last_look < 0.01 && moment < order.deadline) return;
        last_look = moment;
        int64_t missing = waiting_for_event();
        if (missing && moment < order.deadline) return;
        answer("{\"missing\": %lld, \"at\": %.6f}", (long long)missing, moment);
        break;
    }
    }
    order.what = NOTHING;
}

static void write_number(FILE *out, int64_t value) { fwrite(&value, sizeof value, 1, out); }
static void write_real(FILE *out, double value) { fwrite(&value, sizeof value, 1, out); }
static void write_text(FILE *out, const char *text) {
    write_number(out, (int64_t)strlen(text));
    fwrite(text, 1, strlen(text), out);
}

/*
 * The results file, native byte order: the number of readers, then for each reader its number and
 * connection count, and for each connection: since, started, ready_at, closed_at, status, ready_id,
 * resets, closed_by_client, error (length, bytes), kinds (length, bytes, comma-separated), the event
 * count, the ids (int64) and the arrivals (double). NONE (INT64_MIN) and NaN stand for "none".
 */
static void write_results(const char *path) {
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        answer("{\"error\": \"cannot write the results\"}");
        return;
    }
    write_number(out, (int64_t)client.reader_count);
    for (size_t i = 0; i < client.reader_count; i++) {
        Reader *reader = client.readers[i];
        int64_t connections = 0;
        for (Connection *c = reader->first; c; c = c->next) connections++;
        write_number(out, reader->number);
        write_number(out, connections);
        for (Connection *c = reader->first; c; c = c->next) {
            write_number(out, c->since);
            write_real(out, c->started);
            write_real(out, c->ready_at);
            write_real(out, c->closed_at);
            write_number(out, c->status);
            write_number(out, c->ready_id);
            write_number(out, c->resets);
            write_number(out, c->closed_by_client);
            write_text(out, c->error);
            char kinds[MAX_KINDS * KIND_LENGTH] = "";
            for (int k = 0; k < c->kind_count; k++) {
                if (k) strcat(kinds, ",");
                strcat(kinds, c->kinds[k]);
            }
            write_text(out, kinds);
            write_number(out, (int64_t)c->count);
            fwrite(c->ids, sizeof(int64_t), c->count, out);
            fwrite(c->stamps, sizeof(double), c->count, out);
        }
    }
    fclose(out);
    answer("{\"readers\": %zu}", client.reader_count);
}

/* Hang up every reader's connection. */
static void drop_all(void) {
    for (size_t i = 0; i < client.reader_count; i++) {
        Connection *current = client.readers[i]->current;
        if (current) {
            current->closed_by_client = 1;
            /* As an aborted transport does: no waiting for unsent bytes. */
            struct linger abort_on_close = {.l_onoff = 1, .l_linger = 0};
            setsockopt(current->fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
            close_connection(current, NULL);
        }
    }
}

/* One order; returns 0 on quit. */
static int obey(char *line) {
    char *rest = line;
    char *word = strsep(&rest, " ");
    if (strcmp(word, "connect") == 0) {
        client.pending_count = client.pending_next = 0;
        char *token;
        while ((token = strsep(&rest, " ")) != NULL) {
            if (*token == '\0') continue;
            char *at = strchr(token, '@');
            client.pending = grown(client.pending, (client.pending_count + 1) * sizeof(PendingConnect));
            client.pending[client.pending_count].reader = reader_numbered(strtoll(token, NULL, 10));
            client.pending[client.pending_count].since = at ? strtoll(at + 1, NULL, 10) : NONE;
            client.pending_count++;
        }
        order.what = CONNECTS;
        order.started = now();
        start_pending();
    } else if (strcmp(word, "wait_ready") == 0 && rest) {
        order.what = READY;
        order.deadline = now() + strtod(strsep(&rest, " "), NULL);
        order.every_reader = rest && atoi(rest);
    } else if (strcmp(word, "wait_for") == 0 && rest) {
        order.what = EVENT;
        order.event_id = strtoll(strsep(&rest, " "), NULL, 10);
        order.deadline = now() + strtod(rest ? rest : "60", NULL);
    } else if (strcmp(word, "drop") == 0) {
        drop_all();
        answer("{\"open\": %lld}", (long long)client.open);
    } else if (strcmp(word, "status") == 0) {
        answer("{\"open\": %lld, \"ready\": %lld, \"pending\": %zu}", (long long)client.open,
               (long long)client.ready, client.pending_count - client.pending_next);
    } else if (strcmp(word, "results") == 0) {
        write_results(rest ? rest : "");
    } else if (strcmp(word, "quit") == 0) {
        drop_all();
        return 0;
    } else {
        answer("{\"error\": \"unknown order\"}");
    }
    check_order();
    return 1;
}

/* Read what stdin has; obey each whole line. Returns 0 on quit or end of input. */
static int read_orders(void) {
    static char *buffer;
    static size_t length, capacity;
    if (capacity - length < 65536) {
        capacity = capacity ? capacity * 2 : 1 << 20;
        buffer = grown(buffer, capacity);
    }
    ssize_t size = read(0, buffer + length, capacity - length - 1);
    if (size <= 0) return 0;
    length += (size_t)size;
    char *newline;
    while ((newline = memchr(buffer, '\n', length)) != NULL) {
        *newline = '\0';
        int going_on = obey(buffer);
        size_t used = (size_t)(newline - buffer) + 1;
        memmove(buffer, buffer + used, length - used);
        length -= used;
        if (!going_on) return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: sse_reader HOST PORT PATH CONCURRENCY\n");
        return 2;
    }
    struct rlimit files;
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    signal(SIGPIPE, SIG_IGN);
    client.address.sin_family = AF_INET;
    client.address.sin_port = htons((uint16_t)atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &client.address.sin_addr);
    client.concurrency = atoi(argv[4]);
    if (asprintf(&client.request_head,
                 "GET %s HTTP/1.1\r\nHost: %s:%s\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n",
                 argv[3], argv[1], argv[2]) < 0)
        return 2;
    client.by_number = calloc((size_t)(HIGHEST_READER - LOWEST_READER + 1), sizeof(Reader *));
    client.epoll = epoll_create1(0);
    struct epoll_event watch_stdin = {.events = EPOLLIN, .data.ptr = STDIN_MARK};
    epoll_ctl(client.epoll, EPOLL_CTL_ADD, 0, &watch_stdin);

    struct epoll_event events[1024];
    for (;;) {
        int count = epoll_wait(client.epoll, events, 1024, 50);
        for (int i = 0; i < count; i++) {
            if (events[i].data.ptr == STDIN_MARK) {
                if (!read_orders()) {
                    answer("{\"bye\": true}");
                    return 0;
                }
            } else {
                socket_event(events[i].data.ptr, events[i].events);
            }
        }
        start_pending();
        check_order();
    }
}
